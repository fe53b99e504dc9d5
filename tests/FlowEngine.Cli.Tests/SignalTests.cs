using FlowEngine.Journal;

namespace FlowEngine.Cli.Tests;

/// <summary>SIGINT/SIGTERM on a real engine process: one signal stops it cleanly, a second forces it out.</summary>
public sealed class SignalTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Theory]
    [InlineData(RunProcess.SigInt, "SIGINT")]
    [InlineData(RunProcess.SigTerm, "SIGTERM")]
    public void One_signal_drains_closes_the_journal_writes_the_report_and_exits_0(int signal, string name)
    {
        using var engine = RunProcess.Start(_tmp.Path, "run", "--speed", "1x", "--status-port", "0", "--run-id", "sig", "--durability", "batch");
        engine.WaitForErrLine(@"^run sig: simulator seed 42 → ", Timeout);
        engine.WaitForErrLine(@"^progress ", Timeout); // events are flowing

        engine.Signal(signal);
        var code = engine.WaitForExit(Timeout);

        Assert.True(code == 0, engine.Err);
        Assert.Contains($"{name}: stopping: draining the ring, closing the journal, writing the report", engine.Err);
        Assert.Contains("FlowEngine run sig  (stopped, profile dev, source simulator seed 42)", engine.Out);
        var runDir = Path.Combine(_tmp.Path, "journal", "sig");
        Assert.True(File.Exists(Path.Combine(runDir, "report.json")));
        Assert.False(File.Exists(Path.Combine(runDir, "status.token")), "the token file is removed at exit");
        foreach (var stream in (string[])["inputs", "outputs"])
        {
            var summary = JournalVerifier.Verify(Path.Combine(runDir, stream));
            Assert.True(summary.IsClean, string.Join("; ", summary.Problems.Select(p => p.Message)));
            Assert.True(summary.Closed, stream + " was not closed cleanly");
        }
        Assert.True(JournalVerifier.Verify(Path.Combine(runDir, "inputs")).Inputs > 1000);
    }

    [Fact]
    public void A_second_signal_forces_a_non_zero_exit()
    {
        using var engine = RunProcess.Start(_tmp.Path, "run", "--speed", "1x", "--no-status", "--run-id", "force", "--durability", "always");
        engine.WaitForErrLine(@"^run force: ", Timeout);
        engine.WaitForErrLine(@"^progress ", Timeout);

        // Two different signals, because the kernel merges two pending SIGINTs into one; the engine treats any
        // second stop signal as "force".
        engine.Signal(RunProcess.SigTerm);
        engine.Signal(RunProcess.SigInt);
        var code = engine.WaitForExit(Timeout);

        Assert.Equal(ExitCodes.Forced, code);
        Assert.Contains("second stop signal: forced exit", engine.Err);
    }
}
