using System.Text.Json;
using FlowEngine.Cli.Dashboard;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Tests.Dashboard;

/// <summary><c>run --dashboard</c> as a process whose output is not a terminal (CI, a pipe): it falls back to progress lines and still ends cleanly with a report.</summary>
public sealed class DashboardRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string FallbackNote = "--dashboard: standard output is not a terminal; showing progress lines instead";
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args) => RunProcess.Run(_tmp.Path, Timeout, args);

    [Fact]
    public void Redirected_output_falls_back_with_one_note_and_still_exits_0_with_a_report()
    {
        var reportPath = Path.Combine(_tmp.Path, "r.json");
        var (code, stdout, stderr) = Run("run", "--dashboard", "--events", "20000", "--no-status", "--run-id", "dash", "--report", reportPath);

        Assert.True(code == 0, stderr);
        Assert.Equal(FallbackNote, stderr.Split('\n')[0]);
        Assert.Single(stderr.Split('\n'), l => l.StartsWith("--dashboard", StringComparison.Ordinal));
        Assert.Contains("run dash: simulator seed 42 → ", stderr);
        Assert.Contains("INF run dash started", stderr); // console logs are back in plain mode
        Assert.Contains("FlowEngine run dash  (stopped, profile dev, source simulator seed 42)", stdout);
        Assert.Contains("events in    20,000", stdout);
        Assert.DoesNotContain("\u001b[", stdout); // no escape sequences in a file
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.Equal(20_000, report.RootElement.GetProperty("events_in").GetInt64());

        // replay shares the flag and the fallback.
        var (replayCode, replayOut, replayErr) = Run("replay", Path.Combine(_tmp.Path, "journal", "dash"), "--dashboard", "--no-status", "--run-id", "dash-replay");
        Assert.True(replayCode == 0, replayErr);
        Assert.Equal(FallbackNote, replayErr.Split('\n')[0]);
        Assert.Contains("FlowEngine run dash-replay  (stopped", replayOut);
    }

    [Fact]
    public void A_paced_fallback_run_shows_progress_lines_and_stops_cleanly_on_SIGINT()
    {
        using var engine = RunProcess.Start(_tmp.Path, "run", "--dashboard", "--speed", "1x", "--no-status", "--run-id", "paced");
        engine.WaitForErrLine("^" + System.Text.RegularExpressions.Regex.Escape(FallbackNote) + "$", Timeout);
        engine.WaitForErrLine(@"^progress .* events ", Timeout);

        engine.Signal(RunProcess.SigInt);
        var code = engine.WaitForExit(Timeout);

        Assert.True(code == 0, engine.Err);
        Assert.Contains("SIGINT: stopping: draining the ring", engine.Err);
        Assert.Contains("FlowEngine run paced  (stopped, profile dev, source simulator seed 42)", engine.Out);
        Assert.True(File.Exists(Path.Combine(_tmp.Path, "journal", "paced", "report.json")));
    }

    [Fact]
    public void Dashboard_and_quiet_together_are_refused()
    {
        var (code, stdout, stderr) = Run("run", "--dashboard", "--quiet", "--events", "100", "--no-status", "--run-id", "dq");

        Assert.Equal(2, code);
        Assert.Contains("error: --dashboard and --quiet exclude each other", stderr);
        Assert.Equal("", stdout.Trim());
        Assert.False(Directory.Exists(Path.Combine(_tmp.Path, "journal", "dq")));
    }

    [Fact]
    public void A_writer_that_is_not_the_terminal_gets_no_dashboard_and_the_reason()
    {
        using var writer = new StringWriter();
        var dashboard = LiveDashboard.TryCreate(writer, new RunControl(), out var whyNot);

        Assert.Null(dashboard);
        Assert.Equal("standard output is not a terminal", whyNot);
    }
}
