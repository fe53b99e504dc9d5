using FlowEngine.Flow.Pressure;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Flow.Tests;

public sealed class PressureWindowTests
{
    private const long Second = 1_000_000_000;

    /// <summary>A two-sided book 100 lots deep on each of five levels around 400/401 ticks.</summary>
    private static EventStream DeepBook(PressureOptions? options = null)
    {
        var s = new EventStream(options);
        for (var i = 0; i < 5; i++)
        {
            s.Add(MboSide.Bid, 400 - i, 100, id: (ulong)(10 + i));
            s.Add(MboSide.Ask, 401 + i, 100, id: (ulong)(20 + i));
        }
        return s;
    }

    [Fact]
    public void Aggressor_flow_counts_one_event_per_aggressing_order_and_closes_at_the_boundary()
    {
        var s = DeepBook();
        s.Aggress(MboSide.Bid, (401, [(20, 5, 100)]));
        s.Aggress(MboSide.Bid, (401, [(20, 2, 95)]));
        s.Aggress(MboSide.Ask, (400, [(10, 3, 100)]));
        Assert.Empty(s.Recorder.Windows);

        s.TimerTick(EventStream.T0 + Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(7, w.BuyVolume);
        Assert.Equal(3, w.SellVolume);
        Assert.Equal(2, w.BuyCount);
        Assert.Equal(1, w.SellCount);
        Assert.Equal(4, w.Cvd);
        Assert.Equal(5, w.MaxAggressorSize);
        Assert.Equal(25 + 4 + 9, w.SumSquaredSize);
        Assert.Equal(0.4, w.Pressure, 12);
        Assert.Equal(4 / Math.Sqrt(38), w.ImbalanceZ, 12);
        Assert.Equal(EventStream.T0, w.StartNs);
        Assert.Equal(EventStream.T0 + Second, w.EndNs);
    }

    [Fact]
    public void A_sweep_over_two_levels_is_one_aggressor_event_of_their_total_size()
    {
        var s = DeepBook();
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)]), (402, [(21, 30, 100)]));
        s.TimerTick(EventStream.T0 + Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(1, w.BuyCount);
        Assert.Equal(130, w.BuyVolume);
        Assert.Equal(130 * 130, w.SumSquaredSize);
        Assert.Equal(1, w.Sweeps);
    }

    [Fact]
    public void Quiet_markets_still_close_windows_on_timer_ticks_and_empty_windows_are_not_reported()
    {
        var s = DeepBook();
        s.Aggress(MboSide.Bid, (401, [(20, 1, 100)]));
        s.TimerTick(EventStream.T0 + Second - 1);
        Assert.Empty(s.Recorder.Windows);

        s.TimerTick(EventStream.T0 + 3 * Second);
        Assert.Single(s.Recorder.Closed(0));

        s.TimerTick(EventStream.T0 + 10 * Second);
        var ten = Assert.Single(s.Recorder.Closed(1));
        Assert.Equal(1, ten.BuyVolume);
        Assert.Equal(EventStream.T0, ten.StartNs);
        Assert.Single(s.Recorder.Closed(0));
    }

    [Fact]
    public void Snapshot_records_rebase_the_book_view_but_never_count_or_move_the_clock()
    {
        var s = new EventStream();
        s.Now = EventStream.T0 - 3600 * Second; // snapshot ts_recv is unreliable (F_BAD_TS_RECV)
        for (var i = 0; i < 40; i++)
            s.Add(i % 2 == 0 ? MboSide.Bid : MboSide.Ask, i % 2 == 0 ? 400 - i / 2 : 401 + i / 2, 500, extra: MboFlags.Snapshot | MboFlags.BadTsRecv);
        Assert.Equal(0, s.Tracker.Now);
        s.Now = EventStream.T0 + 5;
        s.Add(MboSide.Bid, 400, 1);
        s.TimerTick(EventStream.T0 + Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(1, w.Adds);
        Assert.Equal(1, w.Events);
        Assert.Empty(s.Recorder.Events);
        // The book seen at the snapshot is the reference: one added lot at the best bid is +1 of OFI.
        Assert.Equal(1, w.OfiBest);
    }

    [Fact]
    public void Longer_windows_are_the_sum_of_the_shorter_ones_they_contain()
    {
        Prop.ForAll(Gen.Choose(0, 60).Two().Select(t => t).ListOf().ToArbitrary(), trades =>
        {
            var s = DeepBook();
            var offset = 0L;
            foreach (var (gapMs, size) in trades)
            {
                offset += gapMs * 47_000_000L;
                s.Now = EventStream.T0 + 1_000 + offset;
                var side = size % 2 == 0 ? MboSide.Bid : MboSide.Ask;
                var restingId = side == MboSide.Bid ? 20UL : 10UL;
                s.Aggress(side, (side == MboSide.Bid ? 401 : 400, [(restingId, (uint)(size % 5 + 1), 100)]));
            }
            // Past the last trade's 300-s window, so every window that holds a trade has closed.
            s.TimerTick(EventStream.T0 + (offset / (300 * Second) + 1) * 300 * Second);
            foreach (var ten in s.Recorder.Closed(1))
            {
                var ones = s.Recorder.Closed(0).Where(w => w.StartNs >= ten.StartNs && w.EndNs <= ten.EndNs).ToList();
                Assert.Equal(ten.BuyVolume, ones.Sum(w => w.BuyVolume));
                Assert.Equal(ten.SellVolume, ones.Sum(w => w.SellVolume));
                Assert.Equal(ten.Trades, ones.Sum(w => w.Trades));
                Assert.Equal(ten.MaxAggressorSize, ones.Max(w => w.MaxAggressorSize));
            }
            Assert.Equal(s.Recorder.Closed(0).Sum(w => w.Volume), s.Recorder.Closed(1).Sum(w => w.Volume));
            Assert.Equal(s.Recorder.Closed(0).Sum(w => w.Volume), s.Recorder.Closed(3).Sum(w => w.Volume));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Pressure_is_bounded_and_the_ratio_is_a_capped_display_figure()
    {
        Prop.ForAll(Gen.Choose(0, 100_000).Two().ToArbitrary(), volumes =>
        {
            var (buy, sell) = volumes;
            var w = new WindowStats { BuyVolume = buy, SellVolume = sell };
            Assert.InRange(w.Pressure, -1.0, 1.0);
            var ratio = w.CappedRatio(10);
            Assert.InRange(ratio, 0.1, 10.0);
            if (buy > 0 && sell > 0 && buy / (double)sell is > 0.1 and < 10)
                Assert.Equal(buy / (double)sell, ratio, 12);
            Assert.Equal(Math.Sign(buy - sell), Math.Sign(w.Pressure));
        }).QuickCheckThrowOnFailure();
        Assert.Equal(10, new WindowStats { BuyVolume = 5 }.CappedRatio(10));
        Assert.Equal(1, new WindowStats().CappedRatio(10));
    }

    [Fact]
    public void Fleeting_orders_are_cancels_soon_after_the_add_and_fill_removals_are_not_cancels()
    {
        var s = DeepBook();
        s.Now = EventStream.T0 + Second + 1_000; // the book was built in the first second
        var quick = s.Add(MboSide.Bid, 399, 3);
        s.Advance(50_000_000);
        s.Cancel(MboSide.Bid, quick, 399, 3);
        var slow = s.Add(MboSide.Bid, 398, 3);
        s.Advance(150_000_000);
        s.Cancel(MboSide.Bid, slow, 398, 3);
        s.Aggress(MboSide.Bid, (401, [(20, 100, 100)])); // the fill's C record is bookkeeping
        s.TimerTick(EventStream.T0 + 2 * Second);

        var w = s.Recorder.Closed(0).Last();
        Assert.Equal(EventStream.T0 + Second, w.StartNs);
        Assert.Equal(2, w.Adds);
        Assert.Equal(2, w.Cancels);
        Assert.Equal(1, w.Fleeting);
        Assert.Equal(1.0, w.CancelToAdd);
        Assert.Equal(4.0, w.OrderToTrade);
    }

    [Fact]
    public void A_new_session_forgets_open_windows_and_the_cumulative_delta_without_reporting_them()
    {
        var s = DeepBook();
        s.Aggress(MboSide.Bid, (401, [(20, 7, 100)]));
        Assert.Equal(7, s.Tracker.CumulativeDelta(1));
        s.Tracker.ResetSession();
        Assert.Equal(0, s.Tracker.CumulativeDelta(1));
        s.Now = EventStream.T0 + 3600 * Second + 5;
        s.Aggress(MboSide.Ask, (400, [(10, 2, 100)]));
        s.TimerTick(EventStream.T0 + 3601 * Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(0, w.BuyVolume);
        Assert.Equal(2, w.SellVolume);
        Assert.Equal(-2, w.Cvd);
        Assert.Equal(EventStream.T0 + 3600 * Second, w.StartNs);
        Assert.Equal(EventStream.T0 + 3601 * Second, s.Tracker.Now);
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_option_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new PressureOptions { WindowLengthsNs = [Second, 1_500_000_000] }.Validate());
        Assert.Contains("WindowLengthsNs", e.Message);
        Assert.Contains("multiple of the first", e.Message);
        e = Assert.Throws<ArgumentException>(() => new PressureOptions { OfiLevels = 0 }.Validate());
        Assert.Contains("OfiLevels must be between 1 and 50, got 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => new PressureOptions { LargeOrderPercentile = 100 }.Validate());
        Assert.Contains("LargeOrderPercentile", e.Message);
        e = Assert.Throws<ArgumentException>(() => new PressureOptions { WindowLengthsNs = [] }.Validate());
        Assert.Contains("1 to 16 window lengths", e.Message);
    }
}
