using FlowEngine.Book;
using FlowEngine.Flow.Pressure;
using FlowEngine.Market.Events;
using FlowEngine.Simulator;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Flow.Tests;

public sealed class OfiAndMicropriceTests
{
    private static TopOfBook Top(long bid, long bidSize, long ask, long askSize) => new(bid, bidSize, 1, ask, askSize, 1);

    [Theory]
    [InlineData(100, 10, 101, 10, 100, 15, 101, 10, 5)]    // more bid size at the same price: buying pressure
    [InlineData(100, 10, 101, 10, 100, 4, 101, 10, -6)]    // bid size cancelled: selling pressure
    [InlineData(100, 10, 101, 10, 100, 10, 101, 14, -4)]   // more ask size: selling pressure
    [InlineData(100, 10, 101, 10, 100, 10, 101, 3, 7)]     // ask size taken or cancelled: buying pressure
    [InlineData(100, 10, 102, 10, 101, 6, 102, 10, 6)]     // bid steps up: its new size counts
    [InlineData(100, 10, 101, 10, 99, 8, 101, 10, -10)]    // bid steps down: the old size is gone
    [InlineData(100, 10, 102, 10, 100, 10, 101, 5, -5)]    // ask steps down: new offer size is selling pressure
    [InlineData(100, 10, 101, 10, 100, 10, 102, 7, 10)]    // ask steps up: the old offer size is gone
    public void Best_level_ofi_follows_cont_kukanov_stoikov_signs(long pb0, long qb0, long pa0, long qa0, long pb1, long qb1, long pa1, long qa1, long expected)
    {
        Assert.Equal(expected, Ofi.Best(Top(pb0, qb0, pa0, qa0), Top(pb1, qb1, pa1, qa1)));
    }

    [Fact]
    public void A_side_appearing_counts_as_its_full_size()
    {
        var empty = TopOfBook.Empty;
        Assert.Equal(7, Ofi.Best(empty, new TopOfBook(100, 7, 1, MboEvent.UndefinedPrice, 0, 0)));
        Assert.Equal(-9, Ofi.Best(empty, new TopOfBook(MboEvent.UndefinedPrice, 0, 0, 101, 9, 1)));
    }

    [Fact]
    public void Depth_ofi_over_one_level_equals_best_level_ofi_and_sums_levels()
    {
        var level = Gen.Choose(1, 50);
        Prop.ForAll(level.Two().Two().ToArbitrary(), level.Two().ToArbitrary(), (sizes, deeper) =>
        {
            var ((qb0, qa0), (qb1, qa1)) = sizes;
            var before = (bids: new[] { new BookLevel(100, qb0, 1), new BookLevel(99, deeper.Item1, 1) }, asks: new[] { new BookLevel(101, qa0, 1) });
            var after = (bids: new[] { new BookLevel(100, qb1, 1), new BookLevel(99, deeper.Item2, 1) }, asks: new[] { new BookLevel(101, qa1, 1) });
            var best = Ofi.Best(Top(100, qb0, 101, qa0), Top(100, qb1, 101, qa1));
            Assert.Equal(best, Ofi.Depth(before.bids, before.asks, after.bids, after.asks, 1));
            Assert.Equal(best + (deeper.Item2 - deeper.Item1), Ofi.Depth(before.bids, before.asks, after.bids, after.asks, 2));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_tracker_accumulates_best_and_depth_ofi_from_book_changes()
    {
        var s = new EventStream(new PressureOptions { OfiLevels = 2 });
        s.Add(MboSide.Bid, 400, 10); // the first consistent book is the reference: no OFI
        s.Add(MboSide.Ask, 401, 10); // an ask appears: −10 at the best and in depth
        s.Add(MboSide.Bid, 398, 10); // second bid level: depth only, +10
        s.Add(MboSide.Bid, 400, 4);  // the best bid grows: +4 in both
        s.Add(MboSide.Ask, 401, 6);  // the best ask grows: −6 in both
        s.Add(MboSide.Bid, 390, 50); // third level, beyond the two counted: neither
        s.TimerTick(EventStream.T0 + 1_000_000_000);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(-10 + 4 - 6, w.OfiBest);
        Assert.Equal(-10 + 10 + 4 - 6, w.OfiDepth);
    }

    /// <summary>
    /// The tracker updates depth OFI in place when only sizes changed, copies the side when prices shifted and
    /// skips changes below the top levels; over a simulated session (adds, cancels, modifies, sweeps through
    /// levels) best and depth OFI must equal the formulas applied to full copies of the book at every consistent state.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    public void Best_and_depth_ofi_on_a_simulated_session_equal_the_formulas_over_full_book_copies(int levels)
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 31, Duration = TimeSpan.FromSeconds(20) });
        var books = new BookSet();
        var tracker = new PressureTracker(new PressureOptions { OfiLevels = levels }, books);
        var recorder = new FlowRecorder();
        tracker.AddListener(recorder);
        var expected = new Dictionary<uint, long>();
        var expectedBest = new Dictionary<uint, long>();
        var previous = new Dictionary<uint, (BookLevel[] Bids, BookLevel[] Asks, TopOfBook Top)>();
        var evt = default(MboEvent);
        var events = 0;
        while (sim.Next(ref evt))
        {
            books.Apply(in evt);
            tracker.OnEvent(in evt);
            if (evt.Kind != EventKind.Mbo || (evt.Flags & MboFlags.Last) == 0 || !books.TryGetBook(evt.InstrumentId, out var book))
                continue;
            events++;
            var now = (Bids: Depth(book, MboSide.Bid, levels), Asks: Depth(book, MboSide.Ask, levels), Top: book.ConsistentTop);
            var live = (evt.Flags & MboFlags.Snapshot) == 0 && evt.Action != MboAction.Clear;
            if (live && previous.TryGetValue(evt.InstrumentId, out var before))
            {
                expected[evt.InstrumentId] = expected.GetValueOrDefault(evt.InstrumentId) + Ofi.Depth(before.Bids, before.Asks, now.Bids, now.Asks, levels);
                expectedBest[evt.InstrumentId] = expectedBest.GetValueOrDefault(evt.InstrumentId) + Ofi.Best(before.Top, now.Top);
            }
            previous[evt.InstrumentId] = now;
        }

        Assert.True(events > 100_000, $"only {events} consistent states");
        Assert.Contains(expected.Values, v => v != 0);
        foreach (var (id, total) in expected)
        {
            Assert.True(tracker.TryGetOpenWindow(id, 0, out var open));
            var closed = recorder.Closed(0).Where(w => w.InstrumentId == id).ToList();
            var actual = open.OfiDepth + closed.Sum(w => w.OfiDepth);
            Assert.True(total == actual, $"instrument {id}, {levels} levels: depth OFI {actual}, formula {total}");
            var best = open.OfiBest + closed.Sum(w => w.OfiBest);
            Assert.True(expectedBest[id] == best, $"instrument {id}: best OFI {best}, formula {expectedBest[id]}");
        }
    }

    private static BookLevel[] Depth(OrderBook book, MboSide side, int levels)
    {
        var buffer = new BookLevel[levels];
        return buffer[..book.CopyDepth(side, buffer)];
    }

    [Fact]
    public void Microprice_leans_towards_the_thinner_side_and_stays_inside_the_spread()
    {
        Assert.Equal(100.75, Microprices.Of(100, 3, 101, 1), 12);   // bid heavy: fair value near the ask
        Assert.Equal(100.25, Microprices.Of(100, 1, 101, 3), 12);
        Assert.Equal(100.5, Microprices.Of(100, 0, 101, 0), 12);
        Assert.True(double.IsNaN(Microprices.Of(MboEvent.UndefinedPrice, 1, 101, 1)));
        Prop.ForAll(Gen.Choose(0, 1000).Two().ToArbitrary(), sizes =>
        {
            var m = Microprices.Of(100, sizes.Item1, 101, sizes.Item2);
            Assert.InRange(m, 100.0, 101.0);
            var qi = Microprices.QueueImbalance(sizes.Item1, sizes.Item2);
            Assert.InRange(qi, -1.0, 1.0);
            Assert.Equal(Math.Sign(sizes.Item1 - sizes.Item2), Math.Sign(qi));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Window_close_reports_queue_imbalance_microprice_and_mid_change()
    {
        var s = new EventStream();
        s.Add(MboSide.Bid, 400, 30);
        s.Add(MboSide.Ask, 402, 10);
        s.TimerTick(EventStream.T0 + 1_000_000_000);
        s.Now = EventStream.T0 + 1_500_000_000;
        s.Add(MboSide.Bid, 401, 5); // the best bid steps up one tick
        s.TimerTick(EventStream.T0 + 2_000_000_000);

        var second = s.Recorder.Closed(0)[1];
        Assert.Equal(EventStream.Px(400), second.OpenBid);
        Assert.Equal(EventStream.Px(401), second.CloseBid);
        Assert.Equal(EventStream.Tick / 2.0, second.MidChange, 6);
        Assert.Equal((5.0 - 10) / 15, second.QueueImbalance, 12);
        Assert.Equal(Microprices.Of(EventStream.Px(401), 5, EventStream.Px(402), 10), second.Microprice, 6);
    }
}
