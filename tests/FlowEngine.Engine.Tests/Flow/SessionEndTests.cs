using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Engine.Tests.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FlowEngine.Journal;
using FlowEngine.Market.Events;
using FlowEngine.Simulator;

namespace FlowEngine.Engine.Tests.Flow;

/// <summary>
/// The end of a run's session: the windows still open when the input ends close on the end-of-input tick (and are
/// scored), and a run that ends cleanly folds its session into the baseline — into its own directory always, into
/// the configured snapshot when updating is on — while a failed run or a replay leaves the configured file alone.
/// </summary>
public sealed class SessionEndTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private const long Tick = 250_000_000; // price tick 0.25
    private const long T0 = 1_772_461_800_000_000_000; // a whole 10 s boundary
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    private static MboEvent Record(long ts, MboAction action, MboSide side, ulong id, int ticks, uint size, bool last = true) => new()
    {
        TsRecv = ts,
        TsEvent = ts - 20_000,
        OrderId = id,
        Price = ticks * Tick,
        InstrumentId = 1,
        Size = size,
        Action = action,
        Side = side,
        Flags = last ? MboFlags.Last : MboFlags.None,
        Kind = EventKind.Mbo,
    };

    /// <summary>
    /// A book, then 12 sell aggressions into a bid that refills at once (absorbed selling: a passive buyer) between
    /// T0+1.2 s and T0+3.4 s. The input ends there, inside the 10 s window [T0, T0+10 s): only the end-of-input
    /// tick closes it.
    /// </summary>
    private static List<MboEvent> AbsorbedSellingThenEnd()
    {
        var events = new List<MboEvent>();
        var ts = T0 + 1_000;
        for (var i = 0; i < 5; i++)
        {
            events.Add(Record(ts, MboAction.Add, MboSide.Bid, (ulong)(10 + i), 400 - i, 100));
            ts += 1_000;
            events.Add(Record(ts, MboAction.Add, MboSide.Ask, (ulong)(20 + i), 401 + i, 100));
            ts += 1_000;
        }
        ts = T0 + Second;
        ulong next = 1_000;
        for (var i = 0; i < 12; i++)
        {
            ts += 200_000_000;
            var aggressor = next++;
            events.Add(Record(ts, MboAction.Trade, MboSide.Ask, aggressor, 400, 4, last: false));
            events.Add(Record(ts, MboAction.Fill, MboSide.Bid, 10, 400, 4, last: false));
            events.Add(Record(ts, MboAction.Modify, MboSide.Bid, 10, 400, 96));
            ts += 1_000_000;
            events.Add(Record(ts, MboAction.Add, MboSide.Bid, next++, 400, 4)); // the clip comes straight back
        }
        return events;
    }

    /// <summary>Three sessions in which instrument 1's 10 s windows were tiny: the absorbed selling stands far above them.</summary>
    private string QuietBaselineFor(uint instrument, long windowStartNs, string name, BaselineOptions? options = null)
    {
        var store = new BaselineStore(options ?? new BaselineOptions { MinSessions = 2, MinSamples = 10 });
        for (var session = 0; session < 3; session++)
        {
            for (var i = 0; i < 30; i++)
            {
                foreach (var m in BaselineMeasures.All)
                    store.Record(instrument, 10 * Second, m, windowStartNs, i % 5);
            }
            store.EndSession();
        }
        var path = Path.Combine(_root.Path, name);
        BaselineSnapshot.Save(store, path);
        return path;
    }

    [Fact]
    public void A_window_still_open_when_the_input_ends_is_closed_by_the_end_tick_scored_and_reproduced_by_parity()
    {
        var snapshot = QuietBaselineFor(1, T0, "quiet.baseline");
        var config = TestRuns.Config(_root.Path, ("baseline.snapshot", snapshot), ("baseline.update", "false"));
        var events = AbsorbedSellingThenEnd();
        var result = TestRuns.Execute(new EngineRunOptions { Config = config, RunId = "end-tick", Reader = new ListReader(events, needsTicks: true) });
        Assert.True(result.Succeeded, result.FailureMessage);

        // Inputs: the events, the per-second ticks at T0+1..3 s, then the end tick at T0+10 s (3.4 s rounded up to 10 s).
        var inputs = new List<(long Sequence, MboEvent Input)>();
        using (var reader = JournalReader.Open(result.Layout.InputsDirectory))
        {
            while (reader.TryRead(out var record))
            {
                if (record.IsInput)
                    inputs.Add((record.Sequence, record.Input));
            }
        }
        Assert.Equal(events.Count + 4, inputs.Count);
        var last = inputs[^1];
        Assert.Equal((EventKind.TimerTick, T0 + 10 * Second), (last.Input.Kind, last.Input.TsRecv));
        Assert.Equal([T0 + Second, T0 + 2 * Second, T0 + 3 * Second, T0 + 10 * Second],
            inputs.Where(i => i.Input.Kind == EventKind.TimerTick).Select(i => i.Input.TsRecv));

        // The window's signal is there, caused by the end tick: without it the window would never have closed.
        var signals = SignalRunFixture.ReadOutputs(result.Layout.OutputsDirectory).Where(o => o.Kind == JournalOutputKinds.Signal).ToList();
        var journaled = Assert.Single(signals);
        Assert.Equal(last.Sequence, journaled.Sequence);
        var signal = SignalCodec.Decode(journaled.Payload);
        Assert.Equal(SignalKind.Absorption, signal.Kind);
        Assert.Equal(SignalDirection.Buy, signal.Direction);
        Assert.Equal(48, signal.Size);
        Assert.Equal(T0 + 10 * Second, signal.TsRecv);
        Assert.True(signal.Grade >= SignalGrade.High, signal.Grade.ToString());
        Assert.Equal(1, result.Report.Flow!.Signals);

        var parity = TestRuns.Bounded(() => ParityCheck.Run(result.Layout.Directory));
        Assert.True(parity.Matches, parity.Difference?.Describe());
        Assert.Equal(1, parity.ComparedByKind["signal"]);
    }

    private static EngineConfig SimConfig(string root, params (string Key, string Value)[] extra) =>
        TestRuns.Config(root, [("source.simulator.events", "150000"), ("source.simulator.seed", "7"), .. extra]);

    private string QuietSimBaseline(string name) =>
        QuietBaselineFor(new MarketSimulator(new SimulatorOptions { Seed = 7, MaxEvents = 1 }).Definitions[0].InstrumentId,
            SimulatorOptions.DefaultSessionStartNs, name, new BaselineOptions());

    [Fact]
    public void A_clean_run_folds_its_session_into_the_configured_snapshot_and_a_replay_leaves_it_alone()
    {
        var configured = QuietSimBaseline("live.baseline");
        var original = File.ReadAllBytes(configured);
        var result = TestRuns.Execute(SimConfig(_root.Path, ("baseline.snapshot", configured)), "update");
        Assert.True(result.Succeeded, result.FailureMessage);

        var update = result.Report.Flow!.BaselineUpdate!;
        Assert.Equal(BaselineUpdateReport.Updated, update.Outcome);
        Assert.Equal((3L, 4L), (update.SessionsBefore, update.SessionsAfter));
        Assert.True(update.SeriesUpdated > 0 && update.WindowsRecorded > 0, update.Describe());
        Assert.Equal(Path.GetFullPath(configured), update.ReplacedSnapshot);
        Assert.Equal(result.Layout.UpdatedBaselineFile, update.RunSnapshot);
        Assert.Null(update.Reason);
        // The run keeps what it started from and what it ended with; the configured file is now the latter.
        Assert.Equal(original, File.ReadAllBytes(result.Layout.BaselineFile));
        var updated = File.ReadAllBytes(result.Layout.UpdatedBaselineFile);
        Assert.Equal(updated, File.ReadAllBytes(configured));
        var store = BaselineSnapshot.Load(configured);
        Assert.Equal(4, store.SessionsEnded);
        Assert.Equal(update.SeriesUpdated, store.SortedSeries().Count(s => s.SessionCount == 1 || s.SessionCount == 4));
        Assert.Empty(Directory.EnumerateFiles(_root.Path, "*.tmp")); // the atomic replace leaves no temporary behind
        // The report file and the table say the same.
        var written = RunReportJson.Parse(File.ReadAllText(result.Layout.ReportFile)).Flow!.BaselineUpdate!;
        Assert.Equal(update, written);
        Assert.Contains($"baseline updated: 3 -> 4 sessions, {update.SeriesUpdated} series, {update.WindowsRecorded} windows recorded -> {Path.GetFullPath(configured)}",
            RunReportTable.Format(result.Report));
        Assert.Contains("\"baseline_update\"", File.ReadAllText(result.Layout.ReportFile));

        // Parity and a replay score against the run's starting copy; the replay folds the same session into its own
        // directory (byte-identical) and never touches the configured file.
        var parity = TestRuns.Bounded(() => ParityCheck.Run(result.Layout.Directory));
        Assert.True(parity.Matches, parity.Difference?.Describe());
        var replayConfig = TestRuns.ReplayConfig(result.Layout.Directory);
        var replay = TestRuns.Execute(new EngineRunOptions { Config = replayConfig, RunId = "update-replay", ReplayOf = result.Layout.Directory });
        Assert.True(replay.Succeeded, replay.FailureMessage);
        var replayUpdate = replay.Report.Flow!.BaselineUpdate!;
        Assert.Equal(BaselineUpdateReport.RunDirectoryOnly, replayUpdate.Outcome);
        Assert.Contains("a replay never changes the configured baseline", replayUpdate.Reason);
        Assert.Equal(updated, File.ReadAllBytes(replay.Layout.UpdatedBaselineFile));
        Assert.Equal(updated, File.ReadAllBytes(configured));
    }

    [Fact]
    public void Without_a_configured_snapshot_or_with_updating_off_only_the_run_directory_gets_the_updated_baseline()
    {
        var none = TestRuns.Execute(SimConfig(_root.Path), "no-snapshot");
        Assert.True(none.Succeeded, none.FailureMessage);
        var update = none.Report.Flow!.BaselineUpdate!;
        Assert.Equal(BaselineUpdateReport.RunDirectoryOnly, update.Outcome);
        Assert.Equal((0L, 1L), (update.SessionsBefore, update.SessionsAfter));
        Assert.Null(update.ReplacedSnapshot);
        Assert.Equal($"no baseline.snapshot configured; set baseline.snapshot to {none.Layout.UpdatedBaselineFile} (or a copy of it) to start the next run from it", update.Reason);
        Assert.False(File.Exists(none.Layout.BaselineFile));
        Assert.Equal(1, BaselineSnapshot.Load(none.Layout.UpdatedBaselineFile).SessionsEnded);
        var log = File.ReadAllText(Directory.EnumerateFiles(none.Layout.Directory, "*.log").Single());
        Assert.Contains($"set baseline.snapshot to {none.Layout.UpdatedBaselineFile} (or a copy of it) to start the next run from it", log);

        var configured = QuietSimBaseline("kept.baseline");
        var original = File.ReadAllBytes(configured);
        var off = TestRuns.Execute(SimConfig(_root.Path, ("baseline.snapshot", configured), ("baseline.update", "false")), "update-off");
        Assert.True(off.Succeeded, off.FailureMessage);
        Assert.Equal(BaselineUpdateReport.RunDirectoryOnly, off.Report.Flow!.BaselineUpdate!.Outcome);
        Assert.StartsWith($"baseline.update is false, so {configured} is left as is", off.Report.Flow.BaselineUpdate.Reason);
        Assert.Equal(original, File.ReadAllBytes(configured));
        Assert.Equal(4, BaselineSnapshot.Load(off.Layout.UpdatedBaselineFile).SessionsEnded);
    }

    [Fact]
    public void A_snapshot_changed_by_someone_else_during_the_run_is_not_overwritten()
    {
        var configured = QuietSimBaseline("shared.baseline");
        var other = new BaselineStore();
        other.Record(99, 10 * Second, BaselineMeasure.Imbalance, T0, 1);
        other.EndSession();
        var result = TestRuns.Execute(new EngineRunOptions
        {
            Config = SimConfig(_root.Path, ("baseline.snapshot", configured)),
            RunId = "raced",
            OnStarted = _ => BaselineSnapshot.Save(other, configured), // another run finished meanwhile
        });
        Assert.True(result.Succeeded, result.FailureMessage);

        var update = result.Report.Flow!.BaselineUpdate!;
        Assert.Equal(BaselineUpdateReport.RunDirectoryOnly, update.Outcome);
        Assert.StartsWith($"{configured} changed since the run started", update.Reason);
        Assert.Equal(1, BaselineSnapshot.Load(configured).SessionsEnded); // the other run's file, untouched
        Assert.Equal(4, BaselineSnapshot.Load(result.Layout.UpdatedBaselineFile).SessionsEnded);
    }

    [Fact]
    public void A_run_that_fails_folds_nothing_in_and_leaves_the_configured_snapshot_alone()
    {
        var configured = QuietBaselineFor(17077, T0, "es.baseline");
        var original = File.ReadAllBytes(configured);
        // The ES day cut in the middle of a record: the source fails after the good records.
        var bytes = File.ReadAllBytes(TestRuns.EsFiles[1]);
        var damaged = Path.Combine(_root.Path, "cut.dbn");
        File.WriteAllBytes(damaged, bytes[..(bytes.Length - 30)]);
        var result = TestRuns.Execute(TestRuns.Config(_root.Path, ("source.kind", "dbn"), ("source.paths", damaged), ("baseline.snapshot", configured)), "failed");

        Assert.False(result.Succeeded);
        Assert.NotNull(result.SourceError);
        var update = result.Report.Flow!.BaselineUpdate!;
        Assert.Equal(BaselineUpdateReport.NotUpdated, update.Outcome);
        Assert.Equal((3L, 3L), (update.SessionsBefore, update.SessionsAfter));
        Assert.StartsWith("the run did not end cleanly (", update.Reason);
        Assert.Equal(original, File.ReadAllBytes(configured));
        Assert.False(File.Exists(result.Layout.UpdatedBaselineFile));
        // No end tick either: the last input journaled is the last good record.
        using var reader = JournalReader.Open(result.Layout.InputsDirectory);
        MboEvent lastInput = default;
        while (reader.TryRead(out var record))
        {
            if (record.IsInput)
                lastInput = record.Input;
        }
        Assert.Equal(EventKind.Mbo, lastInput.Kind);
    }
}
