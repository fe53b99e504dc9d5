using FlowEngine.Flow.Baselines;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// Baselines across engine runs, end to end with real <c>flowengine</c> processes: a run folds its session into the
/// configured snapshot at session end, and <c>baseline build</c> rebuilds exactly that snapshot from the runs' journals.
/// </summary>
public sealed class BaselineJournalTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly string Day25 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
    private readonly TempDir _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args) => RunProcess.Run(Dir, Timeout, args);

    /// <summary>A config file pointing <c>baseline.snapshot</c> at <paramref name="snapshot"/>.</summary>
    private string ConfigFor(string snapshot, string name = "baseline.json")
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, $$"""{ "baseline": { "snapshot": "{{snapshot}}" } }""");
        return path;
    }

    private string SimRun(string runId, string seed, string? config)
    {
        string[] args = ["run", "--events", "60000", "--seed", seed, "--no-status", "--run-id", runId];
        var (code, stdout, stderr) = Run(config is null ? args : [.. args, "--config", config]);
        Assert.True(code == 0, stderr);
        return stdout;
    }

    [Fact]
    public void Baseline_build_from_two_run_journals_reproduces_byte_for_byte_the_snapshot_the_engine_wrote_at_the_end_of_the_second()
    {
        // S: a snapshot with some history (built from the ES day); the runs update a copy of it in turn.
        var s = Path.Combine(Dir, "s.baseline");
        var (code, _, err) = Run("baseline", "build", Day25, "--out", s);
        Assert.True(code == 0, err);
        var live = Path.Combine(Dir, "live.baseline");
        File.Copy(s, live);
        var config = ConfigFor(live);

        var out1 = SimRun("r1", "3", config);
        var r1 = Path.Combine(Dir, "journal", "r1");
        Assert.Contains($"baseline updated: 1 -> 2 sessions, ", out1);
        Assert.Equal(File.ReadAllBytes(s), File.ReadAllBytes(Path.Combine(r1, "baseline.snapshot")));
        var afterR1 = File.ReadAllBytes(live);
        Assert.Equal(afterR1, File.ReadAllBytes(Path.Combine(r1, "baseline.updated.snapshot")));

        var out2 = SimRun("r2", "4", config);
        var r2 = Path.Combine(Dir, "journal", "r2");
        Assert.Contains($"baseline updated: 2 -> 3 sessions, ", out2);
        Assert.Equal(afterR1, File.ReadAllBytes(Path.Combine(r2, "baseline.snapshot")));
        var engineWrote = File.ReadAllBytes(Path.Combine(r2, "baseline.updated.snapshot"));
        Assert.Equal(engineWrote, File.ReadAllBytes(live));
        Assert.Equal(3, BaselineSnapshot.Load(live).SessionsEnded);

        // The proof: S + the two journals, replayed, give exactly what the engine wrote.
        var rebuilt = Path.Combine(Dir, "rebuilt.baseline");
        string stdout;
        (code, stdout, err) = Run("baseline", "build", r1, r2, "--from", s, "--out", rebuilt);
        Assert.True(code == 0, err);
        Assert.Contains($"baseline: 2 session(s) (0 DBN file(s), 2 run journal(s)), ", stdout);
        Assert.Contains($"3 sessions in total -> {rebuilt}", stdout);
        Assert.Equal(engineWrote, File.ReadAllBytes(rebuilt));

        // The same from the input journal folder and from one of its segment files (told apart by content).
        var viaJournals = Path.Combine(Dir, "via-journals.baseline");
        var segment = Directory.EnumerateFiles(Path.Combine(r2, "inputs"), "segment-*.fej").Order().First();
        (code, _, err) = Run("baseline", "build", Path.Combine(r1, "inputs"), segment, "--from", s, "--out", viaJournals);
        Assert.True(code == 0, err);
        Assert.Equal(engineWrote, File.ReadAllBytes(viaJournals));

        // Incremental equals batch: R1's updated snapshot extended with R2 alone.
        var incremental = Path.Combine(Dir, "incremental.baseline");
        (code, _, err) = Run("baseline", "build", r2, "--from", Path.Combine(r1, "baseline.updated.snapshot"), "--out", incremental);
        Assert.True(code == 0, err);
        Assert.Equal(engineWrote, File.ReadAllBytes(incremental));
    }

    [Fact]
    public void A_run_without_a_snapshot_says_where_its_updated_baseline_is_and_the_next_run_can_start_from_it()
    {
        var out0 = SimRun("first", "5", null);
        var first = Path.Combine(Dir, "journal", "first");
        var updated = Path.Combine(first, "baseline.updated.snapshot");
        Assert.Contains($"baseline run directory only: 0 -> 1 sessions, ", out0);
        Assert.Contains($"-> {updated} (no baseline.snapshot configured; set baseline.snapshot to {updated} (or a copy of it) to start the next run from it)", out0);
        var firstBytes = File.ReadAllBytes(updated);

        // The next run starts from it; the first run's record is not rewritten (its own updated file is the new one).
        var out1 = SimRun("second", "6", ConfigFor(updated));
        var second = Path.Combine(Dir, "journal", "second");
        Assert.Contains($"baseline run directory only: 1 -> 2 sessions, ", out1);
        Assert.Contains($"{updated} belongs to another run's directory", out1);
        Assert.Equal(firstBytes, File.ReadAllBytes(updated));
        Assert.Equal(firstBytes, File.ReadAllBytes(Path.Combine(second, "baseline.snapshot")));
        var secondUpdated = Path.Combine(second, "baseline.updated.snapshot");
        Assert.Equal(2, BaselineSnapshot.Load(secondUpdated).SessionsEnded);

        // A copy where baselines are kept is updated in place by the next run.
        var kept = Path.Combine(Dir, "kept.baseline");
        File.Copy(secondUpdated, kept);
        var out2 = SimRun("third", "7", ConfigFor(kept, "kept.json"));
        Assert.Contains($"baseline updated: 2 -> 3 sessions, ", out2);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir, "journal", "third", "baseline.updated.snapshot")), File.ReadAllBytes(kept));

        var rebuilt = Path.Combine(Dir, "rebuilt.baseline");
        var (code, _, err) = Run("baseline", "build", first, second, Path.Combine(Dir, "journal", "third"), "--out", rebuilt);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(kept), File.ReadAllBytes(rebuilt));

        var (showCode, shown, _) = Run("config", "show");
        Assert.Equal(0, showCode);
        Assert.Matches("\"baseline\": \\{\\s*\"snapshot\": \"\",\\s*\"update\": true\\s*\\}", shown);
    }

    [Fact]
    public void Inputs_that_are_neither_dbn_nor_a_run_journal_fail_with_one_line_naming_them()
    {
        var output = Path.Combine(Dir, "never.baseline");

        var missing = Path.Combine(Dir, "nope");
        var (code, _, err) = Run("baseline", "build", Day25, missing, "--out", output);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: file not found: {missing}", err.Trim());

        var text = Path.Combine(Dir, "notes.dbn"); // the name says DBN, the content does not
        File.WriteAllText(text, "hello, not market data\n");
        (code, _, err) = Run("baseline", "build", text, "--out", output);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: {text}: neither a DBN file (no 'DBN' magic) nor a FlowEngine run journal ('FLOWJRNL' segments); baseline build reads DBN files with MBO records, run directories and their inputs/ journals", err.Trim());

        var empty = Directory.CreateDirectory(Path.Combine(Dir, "empty")).FullName;
        (code, _, err) = Run("baseline", "build", empty, "--out", output);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: {empty}: a directory that is neither a run directory (no inputs/ journal) nor a run's input journal (no FlowEngine journal segments)", err.Trim());

        SimRun("r", "3", null);
        var run = Path.Combine(Dir, "journal", "r");
        var outputs = Path.Combine(run, "outputs");
        (code, _, err) = Run("baseline", "build", outputs, "--out", output);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: {outputs}: a FlowEngine journal, but not a run's input journal; pass the run directory (holding inputs/ and run.json) or its inputs/ folder", err.Trim());

        // A damaged block in the middle of the input journal: the error names the input and where the damage is.
        var segment = Directory.EnumerateFiles(Path.Combine(run, "inputs"), "segment-*.fej").Order().First();
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);
        (code, _, err) = Run("baseline", "build", Day25, run, "--out", output);
        Assert.Equal(ExitCodes.UserError, code);
        var line = err.Trim();
        // (Which check trips depends on where the block boundaries fell; every one names the segment and offset.)
        Assert.StartsWith($"error: {run}: journal {Path.Combine(run, "inputs")}: ", line);
        Assert.Contains($"{Path.GetFileName(segment)} at byte offset ", line);
        Assert.EndsWith("check it with `flowengine journal verify` (a torn tail: `flowengine journal recover`)", line);
        Assert.DoesNotContain("   at ", line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void One_stop_signal_folds_the_session_in_and_a_forced_second_one_leaves_the_configured_snapshot_alone()
    {
        var live = Path.Combine(Dir, "live.baseline");
        var (code, _, err) = Run("baseline", "build", Day25, "--out", live);
        Assert.True(code == 0, err);
        var config = ConfigFor(live);

        var before = File.ReadAllBytes(live);
        using (var engine = RunProcess.Start(Dir, "run", "--speed", "1x", "--no-status", "--run-id", "forced", "--durability", "always", "--config", config))
        {
            engine.WaitForErrLine(@"^run forced: ", Timeout);
            engine.WaitForErrLine(@"^progress ", Timeout);
            engine.Signal(RunProcess.SigTerm);
            engine.Signal(RunProcess.SigInt);
            Assert.Equal(ExitCodes.Forced, engine.WaitForExit(Timeout));
        }
        Assert.Equal(before, File.ReadAllBytes(live));
        Assert.False(File.Exists(Path.Combine(Dir, "journal", "forced", "baseline.updated.snapshot")));

        using (var engine = RunProcess.Start(Dir, "run", "--speed", "1x", "--no-status", "--run-id", "stopped", "--config", config))
        {
            engine.WaitForErrLine(@"^run stopped: ", Timeout);
            engine.WaitForErrLine(@"^progress ", Timeout);
            engine.Signal(RunProcess.SigInt);
            Assert.True(engine.WaitForExit(Timeout) == 0, engine.Err);
            Assert.Contains("baseline updated: 1 -> 2 sessions, ", engine.Out);
        }
        Assert.Equal(2, BaselineSnapshot.Load(live).SessionsEnded);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir, "journal", "stopped", "baseline.updated.snapshot")), File.ReadAllBytes(live));
    }
}
