using FlowEngine.Engine.Sources;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Sources;

public sealed class TickClockTests
{
    private const long Second = 1_000_000_000;

    private static MboEvent At(long tsRecv, MboFlags flags = MboFlags.Last) => new() { TsRecv = tsRecv, TsEvent = tsRecv, Flags = flags, Kind = EventKind.Mbo };

    private static List<MboEvent> Ticks(ref TickClock clock, MboEvent evt)
    {
        var ticks = new List<MboEvent>();
        while (clock.TryTickBefore(in evt, out var tick))
            ticks.Add(tick);
        return ticks;
    }

    [Fact]
    public void The_first_event_starts_the_clock_and_each_boundary_crossed_gets_one_tick()
    {
        var clock = new TickClock(Second);
        Assert.Empty(Ticks(ref clock, At(10 * Second + 5)));
        Assert.Empty(Ticks(ref clock, At(10 * Second + 999_999_999)));
        var ticks = Ticks(ref clock, At(13 * Second));

        Assert.Equal([11 * Second, 12 * Second, 13 * Second], ticks.Select(t => t.TsRecv));
        Assert.Equal([11L, 12L, 13L], ticks.Select(t => t.Aux));
        Assert.All(ticks, t => Assert.Equal(EventKind.TimerTick, t.Kind));
        Assert.Empty(Ticks(ref clock, At(13 * Second + 1)));
    }

    [Fact]
    public void Snapshot_records_with_a_bad_ts_recv_neither_start_nor_move_the_clock()
    {
        var clock = new TickClock(Second);
        Assert.Empty(Ticks(ref clock, At(50 * Second, MboFlags.Snapshot | MboFlags.BadTsRecv)));
        Assert.Empty(Ticks(ref clock, At(5 * Second)));
        Assert.Empty(Ticks(ref clock, At(900 * Second, MboFlags.BadTsRecv)));
        Assert.Equal([6 * Second], Ticks(ref clock, At(6 * Second)).Select(t => t.TsRecv));
    }

    [Fact]
    public void A_huge_gap_publishes_only_the_latest_boundary()
    {
        var clock = new TickClock(Second);
        Ticks(ref clock, At(Second));
        var ticks = Ticks(ref clock, At(1_000_000 * Second + 7));

        var tick = Assert.Single(ticks);
        Assert.Equal(1_000_000 * Second, tick.TsRecv);
        Assert.Equal([1_000_001 * Second], Ticks(ref clock, At(1_000_001 * Second)).Select(t => t.TsRecv));
    }

    [Fact]
    public void Time_going_backwards_publishes_nothing_and_an_interval_of_zero_disables_ticks()
    {
        var clock = new TickClock(Second);
        Ticks(ref clock, At(10 * Second));
        Assert.Single(Ticks(ref clock, At(11 * Second)));
        Assert.Empty(Ticks(ref clock, At(3 * Second)));

        var off = new TickClock(0);
        Ticks(ref off, At(Second));
        Assert.Empty(Ticks(ref off, At(100 * Second)));
    }

    [Fact]
    public void The_end_tick_is_the_last_usable_event_time_rounded_up_to_the_unit_or_the_interval()
    {
        var clock = new TickClock(Second);
        Assert.False(clock.TryEndTick(10 * Second, out _)); // nothing seen yet: no session to end
        Ticks(ref clock, At(100 * Second + 7));
        Ticks(ref clock, At(112 * Second + 5));
        Ticks(ref clock, At(500 * Second, MboFlags.Snapshot | MboFlags.BadTsRecv)); // not a receive time: ignored

        Assert.True(clock.TryEndTick(10 * Second, out var end));
        Assert.Equal((EventKind.TimerTick, 120 * Second, 120L), (end.Kind, end.TsRecv, end.Aux));
        Assert.Equal(112 * Second + 5, clock.LastEventNs);

        var exact = new TickClock(Second);
        Ticks(ref exact, At(30 * Second));
        Ticks(ref exact, At(40 * Second)); // on a boundary of the unit: the end tick is that boundary
        Assert.True(exact.TryEndTick(0, out var onBoundary)); // unit 0: the tick interval
        Assert.Equal(40 * Second, onBoundary.TsRecv);

        var off = new TickClock(0);
        Ticks(ref off, At(Second));
        Assert.False(off.TryEndTick(10 * Second, out _));
    }

    [Fact]
    public void Ticks_are_exactly_the_boundaries_crossed_in_order_for_any_increasing_stream()
    {
        var stepLists = Gen.Sized(size => Gen.Choose(0, size * 5).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 2000), n)));
        Check.QuickThrowOnFailure(Prop.ForAll(stepLists.ToArbitrary(), Gen.Choose(1, 500).ToArbitrary(), (steps, intervalMs) =>
        {
            var interval = intervalMs * 1_000_000L;
            var clock = new TickClock(interval);
            var ts = 1_700_000_000L * Second;
            var all = new List<long>();
            var first = ts;
            Ticks(ref clock, At(ts));
            foreach (var step in steps)
            {
                ts += step * 1_000_000L;
                foreach (var tick in Ticks(ref clock, At(ts)))
                {
                    if (tick.TsRecv > ts || tick.TsRecv % interval != 0)
                        return false;
                    all.Add(tick.TsRecv);
                }
            }
            var expected = new List<long>();
            for (var b = (first / interval + 1) * interval; b <= ts; b += interval)
                expected.Add(b);
            return all.SequenceEqual(expected);
        }));
    }
}
