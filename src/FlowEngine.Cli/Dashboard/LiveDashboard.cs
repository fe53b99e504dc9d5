using FlowEngine.Engine.Dashboard;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Status;
using Spectre.Console;

namespace FlowEngine.Cli.Dashboard;

/// <summary>
/// <c>--dashboard</c>: redraws a <see cref="DashboardView"/> about once a second on its own thread while the run
/// goes on, and a last time, with the final figures, when the run has ended. It only reads the engine's
/// snapshots and the <see cref="Tap"/>'s buffers, so the pipeline never waits for the terminal; if drawing
/// fails, the dashboard stops and the run carries on.
/// </summary>
internal sealed class LiveDashboard : IDisposable
{
    /// <summary>Time between refreshes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly IAnsiConsole _console;
    private readonly RunControl _control;
    // Blocks without spinning first: the dashboard's waits must not take CPU from the pipeline's threads.
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly int _terminalWidth;
    private Thread? _thread;
    private volatile bool _drawing;

    private LiveDashboard(IAnsiConsole console, RunControl control)
    {
        _console = console;
        _control = control;
        _terminalWidth = console.Profile.Width;
    }

    /// <summary>Feeds the dashboard from the run's output path: install it as <see cref="EngineRunOptions.OutputTap"/>.</summary>
    public DashboardTap Tap { get; } = new();

    /// <summary>True while the live view owns the terminal (other console output would garble it).</summary>
    public bool IsDrawing => _drawing;

    /// <summary>Why drawing stopped early, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// A dashboard drawing on <paramref name="output"/>, or null with the reason when it cannot be drawn there
    /// (redirected to a file or a pipe, no ANSI support, a CI runner).
    /// </summary>
    public static LiveDashboard? TryCreate(TextWriter output, RunControl control, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(control);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        whyNot = WhyNot(console);
        return whyNot is null ? new LiveDashboard(console, control) : null;
    }

    /// <summary>Null when <paramref name="console"/> can host a live view, else the reason it cannot.</summary>
    internal static string? WhyNot(IAnsiConsole console)
    {
        if (!console.Profile.Out.IsTerminal)
            return "standard output is not a terminal";
        if (!console.Profile.Capabilities.Ansi)
            return "the terminal does not support ANSI escape sequences";
        if (!console.Profile.Capabilities.Interactive)
            return "the terminal is not interactive";
        return null;
    }

    /// <summary>
    /// Quotes that fit with the other panels on a terminal <paramref name="height"/> rows tall and
    /// <paramref name="width"/> wide, leaving room for the start line above and the signal echo below.
    /// </summary>
    internal static int QuotesFor(int height, int width, int handlers) =>
        Math.Clamp(height - 4 - DashboardView.FixedLines(handlers, width, DashboardSampler.DefaultLatestShown), 3, 25);

    /// <summary>Starts drawing the run that just started (from <see cref="EngineRunOptions.OnStarted"/>).</summary>
    public void Start(RunStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        var status = started.Status ?? throw new ArgumentException("the run did not hand over its status provider", nameof(started));
        _drawing = true;
        // Everything else, reading the instrument names included, happens on the dashboard's thread: this is
        // called on the run's thread just before the first event.
        _thread = new Thread(() => Draw(started, status)) { IsBackground = true, Name = "fe:dashboard" };
        _thread.Start();
    }

    /// <summary>Draws the final frame (the run has ended) and gives the terminal back. Idempotent.</summary>
    public void Stop()
    {
        _stop.Set();
        if (_thread is { IsAlive: true } thread && !thread.Join(TimeSpan.FromSeconds(10)))
            Failure ??= "the dashboard did not finish its last frame within 10 s";
        _drawing = false;
    }

    /// <summary>Shows the cursor again (the live view hides it) before a forced exit skips the normal ending.</summary>
    public void RestoreTerminal()
    {
        try
        {
            _console.Cursor.Show(true);
            _console.WriteLine();
        }
        catch (IOException)
        {
            // The terminal is gone; nothing to restore.
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>
    /// Draws two columns short of the terminal's width (following resizes): a frame as wide as the terminal leaves
    /// the cursor in the last column, where the terminal's echo of Ctrl-C wraps onto a new line and shifts every
    /// later frame down by one, leaving a stale line behind.
    /// </summary>
    private void FitWidth()
    {
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0;
        }
        if (width <= 0)
            width = _terminalWidth;
        _console.Profile.Width = Math.Max(40, width - 2);
    }

    private void Draw(RunStarted started, IStatusProvider status)
    {
        try
        {
            FitWidth();
            var sampler = new DashboardSampler(status, Tap, InstrumentSymbols.Load(started.Layout.InstrumentsFile), _control,
                QuotesFor(_console.Profile.Height, _console.Profile.Width, status.GetStatus().Handlers.Count));
            var endpoint = started.StatusEndPoint?.ToString();
            DashboardFrame Frame()
            {
                FitWidth();
                return sampler.Sample(DateTimeOffset.Now) with { StatusEndpoint = endpoint };
            }

            _console.Live(DashboardView.Render(Frame(), _console.Profile.Width))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Bottom)
                .Start(ctx =>
                {
                    while (!_stop.Wait(RefreshInterval))
                    {
                        ctx.UpdateTarget(DashboardView.Render(Frame(), _console.Profile.Width));
                        ctx.Refresh();
                    }
                    ctx.UpdateTarget(DashboardView.Render(Frame(), _console.Profile.Width));
                    ctx.Refresh();
                });
        }
        catch (Exception ex)
        {
            // A background thread's exception would end the process: the run matters more than the view.
            Failure = ex.Message;
        }
        finally
        {
            _drawing = false;
        }
    }
}
