using FlowEngine.Book;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Flow.Tests;

public sealed class EsRealDataTests
{
    private static readonly string Snapshot24 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn");
    private static readonly string Day25 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");

    private sealed record Run(List<Signal> Signals, long LastSnapshotIndex, long FirstLiveTs, FlowRecorder Flow);

    private static Run Replay(BaselineStore? baseline, params string[] files)
    {
        var books = new BookSet();
        var tracker = new PressureTracker(new PressureOptions(), books);
        var flow = new FlowRecorder();
        tracker.AddListener(flow);
        var sink = new SignalRecorder();
        _ = new IfdScorer(new IfdOptions(), tracker, sink, baseline);
        long index = 0, lastSnapshot = -1, firstLive = 0, nextTick = long.MinValue;
        foreach (var file in files)
        {
            using var reader = DbnFileReader.Open(file);
            var evt = default(MboEvent);
            while (reader.Read(ref evt))
            {
                if ((evt.Flags & MboFlags.Snapshot) != 0)
                {
                    lastSnapshot = index;
                }
                else if (evt.Kind == EventKind.Mbo)
                {
                    if (firstLive == 0)
                        firstLive = evt.TsRecv;
                    if (nextTick == long.MinValue)
                        nextTick = evt.TsRecv - evt.TsRecv % 1_000_000_000 + 1_000_000_000;
                    while (evt.TsRecv >= nextTick)
                    {
                        var tick = MboEvent.TimerTick(nextTick, 0);
                        tracker.OnEvent(in tick);
                        index++;
                        nextTick += 1_000_000_000;
                    }
                }
                books.Apply(in evt);
                tracker.OnEvent(in evt);
                index++;
            }
        }
        return new Run([.. sink.Signals], lastSnapshot, firstLive, flow);
    }

    [Fact]
    public void The_opening_snapshot_alone_produces_no_windows_events_or_signals()
    {
        var run = Replay(null, Snapshot24);
        Assert.Empty(run.Signals);
        Assert.Empty(run.Flow.Events);
        Assert.Empty(run.Flow.Windows);
        Assert.True(run.LastSnapshotIndex > 8_000);
    }

    [Fact]
    public void The_es_day_gives_a_few_moderate_signals_all_after_the_snapshot_and_the_open()
    {
        var run = Replay(null, Snapshot24, Day25);

        Assert.InRange(run.Signals.Count, 1, 30);
        foreach (var s in run.Signals)
        {
            Assert.True(s.InputIndex > run.LastSnapshotIndex, $"signal at input {s.InputIndex} is inside the snapshot");
            Assert.True(s.EvidenceStartNs >= run.FirstLiveTs - 10_000_000_000);
            // No history: every signal says so and none claims more than MODERATE.
            Assert.Equal(BaselineStatus.WarmingUp, s.BaselineStatus);
            Assert.Equal(SignalGrade.Moderate, s.Grade);
            Assert.Equal(SignalAction.Monitor, s.Action);
        }
        // The pre-open hour (22:00–23:00 UTC, crossed book, no trades) is quiet too: the first signal follows the 23:00 open.
        Assert.True(run.Signals.Min(s => s.TsRecv) >= 1_703_545_200_000_000_000);
        Assert.Contains(run.Flow.Events, e => e.Kind == FlowEventKind.Sweep);
    }

    [Fact]
    public void Replaying_the_day_twice_gives_identical_signals()
    {
        var a = Replay(null, Day25).Signals;
        var b = Replay(null, Day25).Signals;
        Assert.Equal(a, b);
    }
}
