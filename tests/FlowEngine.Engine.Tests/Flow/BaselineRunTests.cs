using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FlowEngine.Simulator;

namespace FlowEngine.Engine.Tests.Flow;

/// <summary>
/// A baseline snapshot is part of a run's initial state: the run loads it, reports it, keeps a byte copy, and
/// replay and parity score against that copy even when the original file changed since.
/// </summary>
public sealed class BaselineRunTests : IDisposable
{
    private const long TenSeconds = 10_000_000_000;
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// Three sessions of quiet history for every simulated instrument in the simulator's time-of-day bucket:
    /// small values, so the run's real flow stands far above it.
    /// </summary>
    private string WriteQuietBaseline(string name)
    {
        var store = new BaselineStore();
        var ids = new MarketSimulator(new SimulatorOptions { Seed = 7, MaxEvents = 1 }).Definitions.Select(d => d.InstrumentId).ToList();
        for (var session = 0; session < 3; session++)
        {
            foreach (var id in ids)
            {
                foreach (var measure in (BaselineMeasure[])[BaselineMeasure.Imbalance, BaselineMeasure.Absorbed, BaselineMeasure.MaxAggressor])
                {
                    for (var k = 0; k < 25; k++)
                        store.Record(id, TenSeconds, measure, SimulatorOptions.DefaultSessionStartNs + k * TenSeconds, 1 + (k * 7 + session * 3) % 5);
                }
            }
            store.EndSession();
        }
        var path = Path.Combine(_root.Path, name);
        BaselineSnapshot.Save(store, path);
        return path;
    }

    private EngineConfig Config(string snapshot, string root) =>
        TestRuns.Config(root, ("source.simulator.events", "600000"), ("source.simulator.seed", "7"), ("baseline.snapshot", snapshot));

    [Fact]
    public void A_run_scores_against_its_snapshot_and_replay_and_parity_use_the_runs_copy()
    {
        var snapshot = WriteQuietBaseline("quiet.baseline");
        var original = File.ReadAllBytes(snapshot);
        var result = TestRuns.Execute(Config(snapshot, _root.Path), "with-baseline");
        Assert.True(result.Succeeded, result.FailureMessage);

        var baseline = result.Report.Flow!.Baseline;
        Assert.Equal(BaselineReport.Ready, baseline.Status);
        Assert.Equal(Path.GetFullPath(snapshot), baseline.Snapshot);
        Assert.Equal(3, baseline.Sessions);
        Assert.Equal(43 * 3, baseline.ReadySeries);
        Assert.Contains($"baseline: ready ({Path.GetFullPath(snapshot)}: 129 of 129 series ready, 3 sessions)", RunReportTable.Format(result.Report));
        Assert.Equal(original, File.ReadAllBytes(result.Layout.BaselineFile));

        var signals = SignalRunFixture.ReadOutputs(result.Layout.OutputsDirectory)
            .Where(o => o.Kind == FlowEngine.Journal.JournalOutputKinds.Signal).Select(o => SignalCodec.Decode(o.Payload)).ToList();
        Assert.NotEmpty(signals);
        Assert.Contains(signals, s => s.BaselineStatus == BaselineStatus.Ready && s.BaselineMedian > 0);
        // Against a quiet history the flow is far out, so grades are no longer capped at MODERATE.
        Assert.Contains(signals, s => s.Grade > SignalGrade.Moderate && (s.Flags & SignalFlags.WarmingUpCapped) == 0);

        // The configured file changes after the run: replay and parity still use the history the run used.
        BaselineSnapshot.Save(new BaselineStore(), snapshot);
        var parity = TestRuns.Bounded(() => ParityCheck.Run(result.Layout.Directory));
        Assert.True(parity.Matches, parity.Difference?.Describe());
        Assert.Equal(signals.Count, parity.ComparedByKind["signal"]);

        var replayConfig = TestRuns.ReplayConfig(result.Layout.Directory);
        var replay = TestRuns.Execute(new EngineRunOptions { Config = replayConfig, RunId = "replay", ReplayOf = result.Layout.Directory });
        Assert.True(replay.Succeeded, replay.FailureMessage);
        Assert.Equal(OutputDigest.Compute(result.Layout.OutputsDirectory), OutputDigest.Compute(replay.Layout.OutputsDirectory));
        Assert.Equal(original, File.ReadAllBytes(replay.Layout.BaselineFile));
        Assert.Equal(BaselineReport.Ready, replay.Report.Flow!.Baseline.Status);

        File.Delete(result.Layout.BaselineFile);
        var ex = Assert.Throws<InvalidDataException>(() => ParityCheck.Run(result.Layout.Directory));
        Assert.Contains($"the run scored against baseline {snapshot}, but its copy {result.Layout.BaselineFile} is missing", ex.Message);
    }

    [Fact]
    public void A_damaged_or_missing_snapshot_fails_before_the_run_directory_is_created()
    {
        var damaged = Path.Combine(_root.Path, "damaged.baseline");
        File.WriteAllText(damaged, "flowengine-baseline 1\nnonsense\n");
        var ex = Assert.Throws<InvalidDataException>(() => EngineRun.Execute(new EngineRunOptions { Config = Config(damaged, _root.Path), RunId = "damaged" }));
        Assert.Contains($"{damaged}: line 2:", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "damaged")));

        var missing = Path.Combine(_root.Path, "nope.baseline");
        var notFound = Assert.Throws<FileNotFoundException>(() => EngineRun.Execute(new EngineRunOptions { Config = Config(missing, _root.Path), RunId = "missing" }));
        Assert.Contains($"baseline.snapshot: file not found: {missing}", notFound.Message);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "missing")));
    }

    [Fact]
    public void With_ifd_disabled_the_pipeline_has_no_flow_stage_and_no_signals()
    {
        var result = TestRuns.Execute(TestRuns.Config(_root.Path, ("source.simulator.events", "20000"), ("ifd.enabled", "false")), "no-ifd");

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(["journal", "book", "outputs"], result.Report.Handlers.Select(h => h.Name));
        Assert.Null(result.Report.Flow);
        Assert.False(result.Report.Outputs.ContainsKey("signal"));
        Assert.True(TestRuns.Bounded(() => ParityCheck.Run(result.Layout.Directory)).Matches);
    }
}
