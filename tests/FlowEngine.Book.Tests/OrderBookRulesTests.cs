using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;
using static FlowEngine.Book.Tests.Support.Mbo;

namespace FlowEngine.Book.Tests;

public class OrderBookRulesTests
{
    private static readonly long P100 = Px(100m);
    private static readonly long P100_25 = Px(100.25m);
    private static readonly long P99_75 = Px(99.75m);
    private static readonly long P101 = Px(101m);

    private static ulong[] Queue(OrderBook book, MboSide side, int depth) =>
        [.. Enumerate(book.OrdersAt(side, depth)).Select(o => o.OrderId)];

    private static List<BookOrder> Enumerate(LevelOrders orders)
    {
        var list = new List<BookOrder>();
        foreach (var o in orders)
            list.Add(o);
        return list;
    }

    [Fact]
    public void Add_rests_the_order_and_sets_the_top()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Ask, P101, 7));

        Assert.Equal(new TopOfBook(P100, 5, 1, P101, 7, 1), book.ConsistentTop);
        Assert.Equal(new BookLevel(P100, 5, 1), book.GetLevel(MboSide.Bid, 0));
        Assert.True(book.TryGetOrder(2, out var ask));
        Assert.Equal(new BookOrder(2, MboSide.Ask, P101, 7, 0, 0), ask);
        Assert.Equal(2, book.OrderCount);
    }

    [Fact]
    public void Orders_at_one_price_queue_in_arrival_order_with_position_and_size_ahead()
    {
        var book = BookOf(Add(10, MboSide.Bid, P100, 3), Add(11, MboSide.Bid, P100, 4), Add(12, MboSide.Bid, P100, 5));

        Assert.Equal([10UL, 11, 12], Queue(book, MboSide.Bid, 0));
        Assert.Equal(new BookLevel(P100, 12, 3), book.GetLevel(MboSide.Bid, 0));
        Assert.True(book.TryGetOrder(12, out var third));
        Assert.Equal(2, third.QueuePosition);
        Assert.Equal(7, third.SizeAhead);
        var enumerated = Enumerate(book.OrdersAt(MboSide.Bid, 0));
        Assert.Equal([0, 1, 2], enumerated.Select(o => o.QueuePosition));
        Assert.Equal([0L, 3, 7], enumerated.Select(o => o.SizeAhead));
    }

    [Fact]
    public void Levels_are_reported_best_first_on_both_sides()
    {
        var book = BookOf(
            Add(1, MboSide.Bid, P99_75, 1), Add(2, MboSide.Bid, P100, 2), Add(3, MboSide.Bid, Px(99.5m), 3),
            Add(4, MboSide.Ask, P101, 4), Add(5, MboSide.Ask, P100_25, 5), Add(6, MboSide.Ask, Px(101.5m), 6));

        var bids = new BookLevel[5];
        var asks = new BookLevel[2];
        Assert.Equal(3, book.CopyDepth(MboSide.Bid, bids));
        Assert.Equal(2, book.CopyDepth(MboSide.Ask, asks));
        Assert.Equal([P100, P99_75, Px(99.5m)], bids[..3].Select(l => l.Price));
        Assert.Equal([P100_25, P101], asks.Select(l => l.Price));
        Assert.Equal(3, book.LevelCount(MboSide.Ask));
        Assert.True(book.TryGetLevel(MboSide.Ask, P101, out var level));
        Assert.Equal(new BookLevel(P101, 4, 1), level);
        Assert.False(book.TryGetLevel(MboSide.Bid, P101, out _));
    }

    [Fact]
    public void Partial_cancel_reduces_size_and_keeps_priority()
    {
        var book = BookOf(Add(1, MboSide.Ask, P101, 10), Add(2, MboSide.Ask, P101, 4), Cancel(1, 6, MboSide.Ask, P101));

        Assert.Equal([1UL, 2], Queue(book, MboSide.Ask, 0));
        Assert.Equal(new BookLevel(P101, 8, 2), book.GetLevel(MboSide.Ask, 0));
        Assert.True(book.TryGetOrder(1, out var o));
        Assert.Equal(4u, o.Size);
    }

    [Fact]
    public void Full_cancel_removes_the_order_and_its_empty_level()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 10), Add(2, MboSide.Bid, P99_75, 1), Cancel(1, 10));

        Assert.False(book.TryGetOrder(1, out _));
        Assert.Equal(1, book.LevelCount(MboSide.Bid));
        Assert.Equal(P99_75, book.ConsistentTop.BidPrice);
        Assert.Equal(1, book.OrderCount);
    }

    [Fact]
    public void Modify_size_decrease_keeps_priority()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 10), Add(2, MboSide.Bid, P100, 4), Modify(1, MboSide.Bid, P100, 3));

        Assert.Equal([1UL, 2], Queue(book, MboSide.Bid, 0));
        Assert.Equal(new BookLevel(P100, 7, 2), book.GetLevel(MboSide.Bid, 0));
    }

    [Fact]
    public void Modify_size_increase_loses_priority()
    {
        var book = BookOf(
            Add(1, MboSide.Bid, P100, 10), Add(2, MboSide.Bid, P100, 4), Add(3, MboSide.Bid, P100, 1),
            Modify(1, MboSide.Bid, P100, 11));

        Assert.Equal([2UL, 3, 1], Queue(book, MboSide.Bid, 0));
        Assert.Equal(new BookLevel(P100, 16, 3), book.GetLevel(MboSide.Bid, 0));
        Assert.True(book.TryGetOrder(1, out var o));
        Assert.Equal((2, 5L), (o.QueuePosition, o.SizeAhead));
    }

    [Fact]
    public void Modify_price_change_moves_to_the_back_of_the_new_level_even_when_smaller()
    {
        var book = BookOf(
            Add(1, MboSide.Ask, P101, 10), Add(2, MboSide.Ask, P100_25, 4), Add(3, MboSide.Ask, P101, 2),
            Modify(1, MboSide.Ask, P100_25, 1));

        Assert.Equal([2UL, 1], Queue(book, MboSide.Ask, 0));
        Assert.Equal(new BookLevel(P100_25, 5, 2), book.GetLevel(MboSide.Ask, 0));
        Assert.Equal(new BookLevel(P101, 2, 1), book.GetLevel(MboSide.Ask, 1));
    }

    [Fact]
    public void Modify_to_a_new_price_and_back_does_not_restore_priority()
    {
        var book = BookOf(
            Add(1, MboSide.Bid, P100, 1), Add(2, MboSide.Bid, P100, 1),
            Modify(1, MboSide.Bid, P99_75, 1), Modify(1, MboSide.Bid, P100, 1));

        Assert.Equal([2UL, 1], Queue(book, MboSide.Bid, 0));
        Assert.Equal(1, book.LevelCount(MboSide.Bid));
    }

    [Fact]
    public void Modify_with_same_price_and_size_changes_nothing()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Bid, P100, 5));

        var result = book.Apply(Modify(1, MboSide.Bid, P100, 5));

        Assert.Equal(ApplyResult.Last, result);
        Assert.Equal([1UL, 2], Queue(book, MboSide.Bid, 0));
    }

    [Fact]
    public void Clear_empties_the_book_and_the_book_is_usable_afterwards()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Ask, P101, 5), Clear());

        Assert.Equal(0, book.OrderCount);
        Assert.Equal(0, book.LevelCount(MboSide.Bid));
        Assert.Equal(TopOfBook.Empty, book.ConsistentTop);
        Assert.False(book.TryGetOrder(1, out _));

        book.Apply(Add(1, MboSide.Ask, P100_25, 2));
        Assert.Equal(new TopOfBook(MboEvent.UndefinedPrice, 0, 0, P100_25, 2, 1), book.ConsistentTop);
        Assert.Equal(0L, book.Anomalies.Total);
    }

    [Fact]
    public void Trade_fill_and_none_do_not_change_the_book()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Ask, P101, 5));
        var before = BookState.Of(book);

        Assert.Equal(ApplyResult.None, book.Apply(Trade(MboSide.Ask, P100, 5)));
        Assert.Equal(ApplyResult.None, book.Apply(Fill(1, MboSide.Bid, P100, 5)));
        Assert.Equal(ApplyResult.Last, book.Apply(NoAction()));

        Assert.Equal(before, BookState.Of(book));
        Assert.Equal(0L, book.Anomalies.Total);
    }

    [Fact]
    public void Top_is_consistent_only_after_f_last_and_top_changed_is_reported_once_per_f_last()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Ask, P101, 5));
        var top = book.ConsistentTop;

        // A fill is reported as a trade and then a cancel; only the F_LAST record makes it consistent.
        Assert.Equal(ApplyResult.None, book.Apply(Trade(MboSide.Ask, P100, 5)));
        Assert.Equal(ApplyResult.Changed, book.Apply(Cancel(1, 5, MboSide.Bid, P100, MboFlags.None)));
        Assert.False(book.IsConsistent);
        Assert.Equal(top, book.ConsistentTop);
        Assert.False(book.Top.HasBid);

        var result = book.Apply(Add(3, MboSide.Bid, P99_75, 2));

        Assert.Equal(ApplyResult.Changed | ApplyResult.Last | ApplyResult.TopChanged, result);
        Assert.True(book.IsConsistent);
        Assert.Equal(new TopOfBook(P99_75, 2, 1, P101, 5, 1), book.ConsistentTop);
        // A change below the top at F_LAST is a change, not a top change.
        Assert.Equal(ApplyResult.Changed | ApplyResult.Last, book.Apply(Add(4, MboSide.Bid, Px(99m), 2)));
    }

    [Fact]
    public void Intermediate_top_changes_that_revert_before_f_last_are_not_top_changes()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5));

        book.Apply(Add(2, MboSide.Bid, P100_25, 1, MboFlags.None));
        var result = book.Apply(Cancel(2, 1));

        Assert.Equal(ApplyResult.Changed | ApplyResult.Last, result);
    }

    [Fact]
    public void Non_mbo_events_are_ignored()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5));
        var tick = MboEvent.TimerTick(5, 1);
        tick.InstrumentId = 999; // even for another instrument: it is not a book record

        Assert.Equal(ApplyResult.None, book.Apply(in tick));
        Assert.Equal(1L, book.EventsApplied);
    }

    [Fact]
    public void A_record_for_another_instrument_is_a_routing_error_naming_both_ids()
    {
        var book = new OrderBook(42);
        var e = Add(1, MboSide.Bid, P100, 5);

        var ex = Assert.Throws<ArgumentException>(() => book.Apply(in e));

        Assert.Contains("instrument 17077", ex.Message);
        Assert.Contains("instrument 42", ex.Message);
    }

    [Fact]
    public void Depth_and_level_queries_reject_bad_arguments_with_a_clear_message()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5));

        var depth = Assert.Throws<ArgumentOutOfRangeException>(() => book.GetLevel(MboSide.Bid, 1));
        Assert.Contains("has 1 levels", depth.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.OrdersAt(MboSide.Ask, 0));
        var side = Assert.Throws<ArgumentOutOfRangeException>(() => book.LevelCount(MboSide.None));
        Assert.Contains("Bid or Ask", side.Message);
    }

    [Fact]
    public void Top_of_book_add_replaces_the_whole_side()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Bid, P99_75, 5), Add(3, MboSide.Ask, P101, 1));

        book.Apply(Add(9, MboSide.Bid, P100_25, 7, MboFlags.Last | MboFlags.Tob));

        Assert.Equal(1, book.LevelCount(MboSide.Bid));
        Assert.Equal(new BookLevel(P100_25, 7, 1), book.GetLevel(MboSide.Bid, 0));
        Assert.False(book.TryGetOrder(1, out _));
        Assert.Equal(1, book.LevelCount(MboSide.Ask));

        book.Apply(Add(10, MboSide.Bid, MboEvent.UndefinedPrice, 0, MboFlags.Last | MboFlags.Tob));
        Assert.Equal(0, book.LevelCount(MboSide.Bid));
        Assert.Equal(1, book.OrderCount);
    }

    [Fact]
    public void Order_id_zero_is_an_ordinary_order()
    {
        var book = BookOf(Add(0, MboSide.Ask, P101, 3), Add(1, MboSide.Ask, P101, 3), Cancel(0, 3));

        Assert.False(book.TryGetOrder(0, out _));
        Assert.Equal([1UL], Queue(book, MboSide.Ask, 0));
    }

    [Fact]
    public void Pools_grow_past_their_initial_capacity_without_losing_orders()
    {
        var book = new OrderBook(Instrument, orderCapacity: 1, levelCapacity: 1);
        for (ulong id = 1; id <= 3_000; id++)
        {
            var side = id % 2 == 0 ? MboSide.Bid : MboSide.Ask;
            var price = side == MboSide.Bid ? P100 - (long)(id % 700) * 250_000_000 : P101 + (long)(id % 1000) * 250_000_000;
            book.Apply(Add(id, side, price, (uint)id));
        }
        for (ulong id = 1; id <= 3_000; id += 3)
            book.Apply(Cancel(id, (uint)id));

        Assert.Equal(2_000, book.OrderCount);
        Assert.Equal(350, book.LevelCount(MboSide.Bid));
        Assert.Equal(500, book.LevelCount(MboSide.Ask));
        Assert.True(book.TryGetOrder(2_999, out var o));
        Assert.Equal(2_999u, o.Size);
        Assert.False(book.TryGetOrder(2_998, out _));
        var summary = book.Summary();
        Assert.Equal(2_000, summary.BidOrders + summary.AskOrders);
    }

    [Fact]
    public void Summary_reports_counts_top_and_the_last_record()
    {
        var last = Add(3, MboSide.Ask, P101, 2);
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Bid, P100, 1), last);

        var s = book.Summary();

        Assert.Equal(Instrument, s.InstrumentId);
        Assert.Equal((1, 1, 2, 1), (s.BidLevels, s.AskLevels, s.BidOrders, s.AskOrders));
        Assert.Equal(new TopOfBook(P100, 6, 2, P101, 2, 1), s.Top);
        Assert.Equal((last.TsRecv, last.Sequence, 3L), (s.LastTsRecv, s.LastSequence, s.EventsApplied));
        Assert.True(s.IsConsistent);
        Assert.Equal(0L, s.Anomalies.Total);
    }
}
