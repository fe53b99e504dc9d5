using FlowEngine.Book;
using FlowEngine.Cli.Dashboard;
using FlowEngine.Engine.Dashboard;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Status;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowEngine.Cli.Tests.Dashboard;

/// <summary>The dashboard's drawing: a frame with known figures, rendered to text, shows those figures.</summary>
public sealed class DashboardViewTests
{
    private static string RenderText(IRenderable renderable, int width = 160)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(renderable);
        return writer.ToString();
    }

    private static LatencyReport Latency(long p50, long p99, long p999, long max) =>
        new() { Count = 1000, Min = 100, Mean = p50, P50 = p50, P90 = p99 / 2, P99 = p99, P999 = p999, Max = max };

    internal static DashboardFrame Frame() => new()
    {
        Clock = new DateTimeOffset(2026, 11, 21, 18, 30, 5, TimeSpan.Zero),
        Beat = 7,
        EventsPerSecond = 1_234_567,
        StatusEndpoint = "127.0.0.1:7771",
        Status = new StatusSnapshot
        {
            State = "running",
            RunId = "run-x1",
            Profile = "dev",
            Source = "simulator seed 42",
            UptimeSeconds = 3723.4,
            EventsIn = 98_765_432,
            EventsPerSecond = 1_000_000,
            EventsPerSecondAverage = 987_654,
            TimerTicks = 3723,
            RingSize = 65_536,
            RingOccupancy = 16_384,
            MaxHandlerLag = 321,
            WrittenSequence = 98_769_000,
            DurableSequence = 98_700_000,
            Handlers = [new HandlerStatus { Name = "journal", Events = 98_769_100, Lag = 17 }, new HandlerStatus { Name = "book", Events = 98_769_000, Lag = 321 }],
        },
        Metrics = new RunReport
        {
            RunId = "run-x1",
            Profile = "dev",
            ConfigHash = "h",
            Source = "simulator seed 42",
            State = "running",
            AllocationScope = "hot_threads",
            WarmedUp = true,
            AllocatedBytesPerEvent = 0,
            Gc = new GcReport { Gen0Collections = 3, Gen1Collections = 1, Gen2Collections = 0 },
            Ring = new RingReport { Size = 65_536, OccupancyLast = 16_384, OccupancyMax = 40_000 },
            Handlers =
            [
                new HandlerReport { Name = "journal", Events = 98_769_100, LagLast = 17, LagMax = 5_000, LatencyNs = Latency(850, 12_345, 456_789, 2_345_678_901) },
                new HandlerReport { Name = "book", Events = 98_769_000, LagLast = 321, LagMax = 6_000, LatencyNs = Latency(1_250, 9_870, 45_600, 7_890_000) },
            ],
            Threads = [],
            AnomaliesTotal = 5,
            Anomalies = new Dictionary<string, long> { ["unknown_order_id"] = 5, ["sequence_gap"] = 0 },
            OutputsTotal = 1_500_042,
            Outputs = new Dictionary<string, long> { ["top-of-book"] = 1_500_000, ["signal"] = 42 },
        },
        Quotes =
        [
            new DashboardQuote(1000, "ESZ6", new TopOfBook(6_802_250_000_000, 89, 12, 6_802_500_000_000, 60, 9), 3307),
            new DashboardQuote(1021, "ESZ6 C6800", new TopOfBook(43_250_000_000, 152, 5, 43_500_000_000, 6, 2), 477),
            new DashboardQuote(1022, null, TopOfBook.Empty, 12),
        ],
        Instruments = 43,
        LatestOutputs =
        [
            new OutputLine(98_543, "top-of-book", "ESZ6 C6775  57.00 x 12 / 57.50 x 1"),
            new OutputLine(98_646, "signal", "sweep buy ESZ6 grade A"),
        ],
        OutputsSeen = 1_500_042,
        OutputsDropped = 1_499_000,
    };

    [Fact]
    public void A_frame_renders_every_figure_it_holds()
    {
        var text = RenderText(DashboardView.Render(Frame()));

        // Heartbeat line: run, state, source, status socket, uptime, beat and clock.
        var clock = Frame().Clock.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"● {clock}  up 1:02:03  FlowEngine run run-x1  running  source simulator seed 42  profile dev  status 127.0.0.1:7771", text);
        // Throughput, ring and lag.
        Assert.Contains("events in    98,765,432", text);
        Assert.Contains("1.23 M/s now, 987.7 k/s average", text);
        Assert.Contains("timer ticks  3,723", text);
        Assert.Contains("16,384 / 65,536 (25.0 %), max 40,000", text);
        Assert.Contains("handler lag  journal 17  book 321", text);
        Assert.Contains("written 98,769,000, durable 98,700,000", text);
        Assert.Contains("0 B/event after warm-up, gc 3/1/0", text);
        // Per-handler latency percentiles in readable units.
        Assert.Matches(@"journal\s+98,769,100\s+17\s+5,000\s+850 ns\s+12\.3 µs\s+457 µs\s+2\.35 s", text);
        Assert.Matches(@"book\s+98,769,000\s+321\s+6,000\s+1\.25 µs\s+9\.87 µs\s+45\.6 µs\s+7\.89 ms", text);
        Assert.Contains("after warm-up", text);
        // Best bid/ask by id, with the count of instruments not shown.
        Assert.Contains("busiest 3 of 43 instruments", text);
        Assert.Matches(@"1000\s+ESZ6\s+89\s+6802\.25\s+6802\.50\s+60\s+12 / 9\s+3,307", text);
        Assert.Matches(@"1021\s+ESZ6 C6800\s+152\s+43\.25\s+43\.50\s+6\s+5 / 2\s+477", text);
        Assert.Matches(@"1022\s+-\s+-\s+-\s+-\s+0 / 0\s+12", text);
        Assert.True(text.IndexOf("1000 ", StringComparison.Ordinal) < text.IndexOf("1021 ", StringComparison.Ordinal));
        // Outputs and anomalies by kind.
        Assert.Matches(@"outputs\s+1,500,042", text);
        Assert.Matches(@"top-of-book\s+1,500,000", text);
        Assert.Matches(@"signal\s+42", text);
        Assert.Matches(@"anomalies\s+5", text);
        Assert.Matches(@"unknown_order_id\s+5", text);
        Assert.DoesNotContain("sequence_gap", text);
        // The latest outputs, and what the dashboard dropped.
        Assert.Contains("1,500,042 seen, 1,499,000 dropped", text);
        Assert.Matches(@"98,543\s+top-of-book\s+ESZ6 C6775  57\.00 x 12 / 57\.50 x 1", text);
        Assert.Matches(@"98,646\s+signal\s+sweep buy ESZ6 grade A", text);
    }

    [Fact]
    public void A_narrow_terminal_gets_throughput_above_latency_with_the_same_figures()
    {
        var wide = RenderText(DashboardView.Render(Frame(), 160), 160).Split('\n');
        var narrow = RenderText(DashboardView.Render(Frame(), 100), 100).Split('\n');

        static int LineOf(string[] lines, string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.Equal(LineOf(wide, "─throughput─"), LineOf(wide, "─latency publish"));
        Assert.True(LineOf(narrow, "─throughput─") < LineOf(narrow, "─latency publish"));
        Assert.All(narrow, l => Assert.True(l.Length <= 100, l));
        Assert.Matches(@"journal\s+98,769,100\s+17\s+5,000\s+850 ns\s+12\.3 µs\s+457 µs\s+2\.35 s", string.Join('\n', narrow));
        // The layout arithmetic the live view sizes its quote table with matches what is drawn.
        Assert.Equal(DashboardView.FixedLines(handlers: 2, width: 160, latestShown: 2) + Frame().Quotes.Count, wide.Length - 1);
    }

    [Fact]
    public void The_heartbeat_flips_on_every_refresh()
    {
        var odd = RenderText(DashboardView.Render(Frame()));
        var even = RenderText(DashboardView.Render(Frame() with { Beat = 8, Clock = Frame().Clock.AddSeconds(1) }));

        Assert.Contains("●", odd);
        Assert.DoesNotContain("○", odd);
        Assert.Contains("○", even);
        Assert.Contains(Frame().Clock.AddSeconds(1).ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), even);
    }

    [Fact]
    public void A_stopping_run_says_why_and_a_stopped_one_says_so()
    {
        var stopping = RenderText(DashboardView.Render(Frame() with { StopReason = "SIGINT" }));
        Assert.Contains("stopping (SIGINT)", stopping);

        var f = Frame();
        var stopped = RenderText(DashboardView.Render(f with { StopReason = "SIGINT", Status = f.Status with { State = "stopped" } }));
        Assert.Contains("stopped (SIGINT)", stopped);
        Assert.DoesNotContain("stopping", stopped);
    }

    [Fact]
    public void An_empty_run_renders_placeholders_and_markup_characters_in_names_are_shown_verbatim()
    {
        var f = Frame();
        var empty = f with
        {
            Quotes = [],
            Instruments = 0,
            LatestOutputs = [],
            OutputsSeen = 0,
            OutputsDropped = 0,
            Status = f.Status with { Source = "dbn [ES] files", WrittenSequence = -1, DurableSequence = -1, Handlers = [] },
            Metrics = f.Metrics with { WarmedUp = false, AllocatedBytesPerEvent = null },
        };

        var text = RenderText(DashboardView.Render(empty));

        Assert.Contains("source dbn [ES] files", text);
        Assert.Contains("no top of book yet", text);
        Assert.Contains("latest outputs: 0 seen", text);
        Assert.DoesNotContain("dropped", text);
        Assert.Contains("nothing written yet", text);
        Assert.Contains("warming up", text);
    }

    [Fact]
    public void A_busy_frame_costs_a_fraction_of_a_megabyte_to_draw()
    {
        // Drawn every second next to the pipeline: garbage here means gen0 collections, which pause the pipeline.
        var f = Frame();
        var busy = f with
        {
            Quotes = [.. Enumerable.Range(0, 20).Select(i => new DashboardQuote((uint)(1000 + i), $"ESZ6 C{6800 + 5 * i}", new TopOfBook(43_250_000_000, 152, 5, 43_500_000_000, 6, 2), 477))],
            LatestOutputs = [.. Enumerable.Range(0, 10).Select(i => new OutputLine(98_543 + i, "top-of-book", "ESZ6 C6775  57.00 x 12 / 57.50 x 1"))],
        };
        RenderText(DashboardView.Render(busy, 158), 158);
        var text = "";
        var bytes = SteadyAllocation.Measure(() => text = RenderText(DashboardView.Render(busy, 158), 158));

        Assert.Contains("ESZ6 C6895", text);
        Assert.True(bytes.Bytes < 400_000, $"one frame: {bytes}");
    }

    [Fact]
    public void Text_too_long_for_its_box_is_cropped_with_an_ellipsis_and_never_breaks_the_border()
    {
        var f = Frame();
        var longLine = new string('x', 300);
        var text = RenderText(DashboardView.Render(f with { LatestOutputs = [new OutputLine(1, "signal", longLine)] }, 120), 120);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var row = Assert.Single(lines, l => l.Contains("xxxx", StringComparison.Ordinal));
        Assert.EndsWith("x… │", row.TrimEnd());
        Assert.All(lines, l => Assert.True(l.Length <= 120, l));
    }
}
