using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Tests;

public sealed class ScorerTests
{
    private const long Second = 1_000_000_000;

    /// <summary>A book, a tracker and a scorer; an optional baseline where 10-s windows of every measure have been tiny.</summary>
    private static (EventStream Stream, SignalRecorder Sink, IfdScorer Scorer) Build(bool withHistory, IfdOptions? options = null)
    {
        var stream = new EventStream();
        BaselineStore? baseline = null;
        if (withHistory)
        {
            baseline = new BaselineStore(new BaselineOptions { MinSessions = 2, MinSamples = 10 });
            for (var session = 0; session < 3; session++)
            {
                for (var i = 0; i < 30; i++)
                {
                    foreach (var m in BaselineMeasures.All)
                        baseline.Record(1, 10 * Second, m, EventStream.T0, i % 5);
                }
                baseline.EndSession();
            }
        }
        var sink = new SignalRecorder();
        var scorer = new IfdScorer(options ?? new IfdOptions(), stream.Tracker, sink, baseline);
        for (var i = 0; i < 5; i++)
        {
            // Apart in time: a bid and an ask in the same packet would be a market maker's two-sided quote.
            stream.Add(MboSide.Bid, 400 - i, 100, id: (ulong)(10 + i));
            stream.Advance(1_000);
            stream.Add(MboSide.Ask, 401 + i, 100, id: (ulong)(20 + i));
            stream.Advance(1_000);
        }
        return (stream, sink, scorer);
    }

    [Fact]
    public void A_four_level_sweep_far_above_its_history_is_graded_with_the_documented_weights()
    {
        var (s, sink, _) = Build(withHistory: true);
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)]), (402, [(21, 100, 100)]), (403, [(22, 100, 100)]), (404, [(23, 10, 100)]));

        var signal = Assert.Single(sink.Signals);
        Assert.Equal(SignalKind.Sweep, signal.Kind);
        Assert.Equal(SignalDirection.Buy, signal.Direction);
        Assert.Equal(1.0, signal.PressureSignificance);                 // four levels
        Assert.Equal(BaselineStatus.Ready, signal.BaselineStatus);
        Assert.Equal(1.0, signal.BaselineDeviation);                    // 310 lots against a history of 0–4
        Assert.Equal(0, signal.MarketMaking);
        Assert.Equal(0.4 * 1 + 0.3 * 1 + 0.2 * 1 + 0.1 * signal.Coordination, signal.Confidence, 12);
        Assert.Equal(SignalGrade.Extreme, signal.Grade);
        Assert.Equal(SignalAction.StrongBuy, signal.Action);
        Assert.Equal(310, signal.Size);
        Assert.Equal(4, signal.Levels);
        Assert.Equal(s.Tracker.EventsSeen - 1, signal.InputIndex);
    }

    [Fact]
    public void Without_history_the_same_sweep_says_warming_up_and_stays_moderate()
    {
        var (s, sink, _) = Build(withHistory: false);
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)]), (402, [(21, 100, 100)]), (403, [(22, 100, 100)]), (404, [(23, 10, 100)]));

        var signal = Assert.Single(sink.Signals);
        Assert.Equal(BaselineStatus.WarmingUp, signal.BaselineStatus);
        Assert.Equal(0, signal.BaselineDeviation);
        Assert.Equal(0, signal.RobustZ);
        Assert.Equal(0.6, signal.Confidence, 12);
        Assert.Equal(SignalGrade.Moderate, signal.Grade);
        Assert.Equal(SignalAction.Monitor, signal.Action);
        Assert.Contains("baseline: warming up", SignalText.Format(in signal));
    }

    [Fact]
    public void A_two_level_sweep_without_history_is_below_the_reporting_bar()
    {
        var (s, sink, _) = Build(withHistory: false);
        s.Aggress(MboSide.Ask, (400, [(10, 100, 100)]), (399, [(11, 5, 100)]));
        Assert.Empty(sink.Signals);
    }

    [Fact]
    public void Repeated_sweeps_are_held_back_by_the_cooldown_unless_the_grade_rises()
    {
        var (s, sink, scorer) = Build(withHistory: true);
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)]), (402, [(21, 100, 100)]), (403, [(22, 100, 100)]), (404, [(23, 10, 100)]));
        s.Add(MboSide.Ask, 404, 100, id: 40);
        s.Add(MboSide.Ask, 405, 100, id: 41);
        s.Add(MboSide.Ask, 406, 100, id: 42);
        s.Advance(100_000_000);
        s.Aggress(MboSide.Bid, (404, [(23, 90, 90), (40, 100, 100)]), (405, [(24, 100, 100), (41, 100, 100)]), (406, [(42, 100, 100)]));
        Assert.Single(sink.Signals);
        Assert.Equal(1, scorer.SignalsSuppressed);
        s.Advance(3 * Second);
        s.Add(MboSide.Ask, 420, 50, id: 50);
        s.Add(MboSide.Ask, 421, 50, id: 51);
        s.Aggress(MboSide.Bid, (420, [(50, 50, 50)]), (421, [(51, 50, 50)]));
        Assert.Equal(2, sink.Signals.Count);
    }

    [Fact]
    public void Probable_market_making_caps_the_grade_at_moderate()
    {
        var (s, sink, _) = Build(withHistory: true);
        // Two-sided quotes in the same packet, much larger than what trades: a market maker's footprint.
        for (var i = 0; i < 5; i++)
        {
            s.Add(MboSide.Bid, 395, 200);
            s.Add(MboSide.Ask, 410, 200);
            s.Advance(1_000);
        }
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)]), (402, [(21, 100, 100)]), (403, [(22, 100, 100)]), (404, [(23, 10, 100)]));

        var signal = Assert.Single(sink.Signals);
        Assert.Equal(1.0, signal.MarketMaking);
        Assert.Equal(SignalGrade.Moderate, signal.Grade);
        Assert.True((signal.Flags & SignalFlags.MarketMakingCapped) != 0);
        Assert.Contains("capped: market making", SignalText.Format(in signal));
    }

    [Fact]
    public void A_window_of_absorbed_selling_points_to_the_passive_buyer()
    {
        var (s, sink, _) = Build(withHistory: true);
        s.Now = EventStream.T0 + Second;
        for (var i = 0; i < 12; i++)
        {
            s.Advance(200_000_000);
            s.Aggress(MboSide.Ask, (400, [(10, 4, 100)]));
            s.Advance(1_000_000);
            s.Add(MboSide.Bid, 400, 4); // the clip comes straight back
        }
        s.TimerTick(EventStream.T0 + 10 * Second);

        var signal = Assert.Single(sink.Signals);
        Assert.Equal(SignalKind.Absorption, signal.Kind);
        Assert.Equal(SignalDirection.Buy, signal.Direction);
        Assert.Equal(48, signal.Size);
        Assert.Equal(1.0, signal.Absorption);
        Assert.Equal(EventStream.T0, signal.EvidenceStartNs);
        Assert.Equal(EventStream.T0 + 10 * Second, signal.TsRecv);
        Assert.True(signal.Grade >= SignalGrade.High);
    }

    [Theory]
    [InlineData(MboSide.Bid, true)]
    [InlineData(MboSide.Ask, false)]
    public void An_option_signal_is_coordinated_when_its_underlying_moves_the_same_way(MboSide futureAggressor, bool coordinated)
    {
        var registry = new InstrumentRegistry();
        registry.Apply(new InstrumentDefinition { InstrumentId = 1, RawSymbol = "ESZ6", Class = InstrumentClass.Future });
        registry.Apply(new InstrumentDefinition { InstrumentId = 2, RawSymbol = "ESZ6 C6800", Class = InstrumentClass.Call, StrikePrice = 6_800_000_000_000, Underlying = "ESZ6", Expiration = 9 });
        var s = new EventStream(registry: registry, instrument: 2);
        var baseline = new BaselineStore(new BaselineOptions { MinSessions = 1, MinSamples = 5 });
        for (var i = 0; i < 10; i++)
            baseline.Record(2, 10 * Second, BaselineMeasure.Imbalance, EventStream.T0, i % 3);
        baseline.EndSession();
        var sink = new SignalRecorder();
        _ = new IfdScorer(new IfdOptions(), s.Tracker, sink, baseline, registry);
        foreach (var id in new uint[] { 1, 2 })
        {
            s.Instrument = id;
            s.Add(MboSide.Bid, 100, 1000, id: 10 * id);
            s.Advance(1_000);
            s.Add(MboSide.Ask, 101, 1000, id: 10 * id + 1);
            s.Advance(1_000);
        }
        for (var i = 0; i < 8; i++)
        {
            s.Advance(500_000_000);
            s.Instrument = 2;
            s.Aggress(MboSide.Bid, (101, [(21, 5, 1000)]));              // call buying: bullish
            s.Advance(1_000);
            s.Instrument = 1;
            var resting = futureAggressor == MboSide.Bid ? 11UL : 10UL;
            s.Aggress(futureAggressor, (futureAggressor == MboSide.Bid ? 101 : 100, [(resting, 5, 1000)]));
        }
        s.TimerTick(EventStream.T0 + 10 * Second);

        var call = Assert.Single(sink.Signals, x => x.InstrumentId == 2);
        Assert.Equal(SignalKind.Aggressive, call.Kind);
        Assert.Equal(SignalDirection.Buy, call.Direction);
        if (coordinated)
            Assert.Equal(40 / Math.Sqrt(8 * 25) / (2 * 2.0), call.Coordination, 12); // the future alone: z 2.83 / (2 × 2)
        else
            Assert.Equal(0.0, call.Coordination);
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new IfdOptions { PressureWeight = 0.5 }.Validate());
        Assert.Contains("weights must sum to 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => new IfdOptions { HighAt = 0.95 }.Validate());
        Assert.Contains("grade thresholds", e.Message);
        var stream = new EventStream();
        e = Assert.Throws<ArgumentException>(() => new IfdScorer(new IfdOptions { SignalWindowsNs = [7 * Second] }, stream.Tracker, new SignalRecorder()));
        Assert.Contains("7000000000 ns is not one of the tracker's window lengths", e.Message);
    }

    [Theory]
    [InlineData(0.95, SignalGrade.Extreme)]
    [InlineData(0.85, SignalGrade.VeryHigh)]
    [InlineData(0.70, SignalGrade.High)]
    [InlineData(0.60, SignalGrade.Moderate)]
    [InlineData(0.50, SignalGrade.None)]
    public void Grades_follow_the_confidence_thresholds(double confidence, SignalGrade grade)
    {
        Assert.Equal(grade, new IfdOptions().GradeOf(confidence));
        Assert.Equal(grade switch
        {
            SignalGrade.Extreme or SignalGrade.VeryHigh => SignalAction.StrongSell,
            SignalGrade.High => SignalAction.Sell,
            SignalGrade.Moderate => SignalAction.Monitor,
            _ => SignalAction.Ignore,
        }, SignalNames.ActionFor(grade, SignalDirection.Sell));
    }
}
