using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;
using static FlowEngine.Book.Tests.Support.Mbo;

namespace FlowEngine.Book.Tests;

/// <summary>Every anomaly kind is counted, the book survives it, and what the book does with it is pinned.</summary>
public class AnomalyTests
{
    private static readonly long P100 = Px(100m);
    private static readonly long P101 = Px(101m);

    private static void AssertOnly(OrderBook book, AnomalyKind kind, long count)
    {
        for (var k = 0; k < AnomalyCounts.KindCount; k++)
            Assert.Equal((AnomalyKind)k == kind ? count : 0, book.Anomalies[(AnomalyKind)k]);
    }

    [Fact]
    public void Cancel_of_an_unknown_order_is_counted_and_ignored()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5));
        var before = BookState.Of(book);

        var result = book.Apply(Cancel(77, 5));

        Assert.Equal(ApplyResult.Last, result);
        Assert.Equal(before, BookState.Of(book));
        AssertOnly(book, AnomalyKind.CancelUnknownOrder, 1);
    }

    [Fact]
    public void Modify_of_an_unknown_order_is_counted_and_applied_as_an_add()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Modify(2, MboSide.Bid, P100, 3));

        Assert.True(book.TryGetOrder(2, out var o));
        Assert.Equal((1, 3u), (o.QueuePosition, o.Size));
        AssertOnly(book, AnomalyKind.ModifyUnknownOrder, 1);
    }

    [Fact]
    public void Duplicate_add_replaces_the_live_order_instead_of_doubling_it()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Bid, P100, 1), Add(1, MboSide.Bid, P100, 4));

        Assert.Equal(new BookLevel(P100, 5, 2), book.GetLevel(MboSide.Bid, 0));
        Assert.True(book.TryGetOrder(1, out var o));
        Assert.Equal((1, 4u), (o.QueuePosition, o.Size));
        Assert.Equal(2, book.OrderCount);
        AssertOnly(book, AnomalyKind.DuplicateAdd, 1);
    }

    [Fact]
    public void A_repeated_snapshot_leaves_the_same_book()
    {
        MboEvent[] snapshot =
        [
            Add(1, MboSide.Bid, P100, 5, MboFlags.Snapshot), Add(2, MboSide.Bid, P100, 3, MboFlags.Snapshot),
            Add(3, MboSide.Ask, P101, 2, MboFlags.Snapshot), Add(4, MboSide.Ask, Px(101.25m), 9, MboFlags.Snapshot | MboFlags.Last),
        ];
        var once = BookOf(snapshot);
        var twice = BookOf([.. snapshot, .. snapshot]);

        Assert.Equal(BookState.Of(once), BookState.Of(twice));
        Assert.Equal(once.ConsistentTop, twice.ConsistentTop);
        AssertOnly(twice, AnomalyKind.DuplicateAdd, 4);
    }

    [Fact]
    public void A_crossed_book_is_counted_at_each_f_last_only()
    {
        var book = BookOf(Add(1, MboSide.Ask, P101, 5), Add(2, MboSide.Bid, P100, 5));

        // Crossed mid-event, uncrossed by F_LAST: not counted.
        book.Apply(Add(3, MboSide.Bid, P101, 1, MboFlags.None));
        book.Apply(Cancel(3, 1));
        AssertOnly(book, AnomalyKind.CrossedBook, 0);

        // Locked (bid == ask) at F_LAST, then still crossed at the next F_LAST: two counts.
        book.Apply(Add(4, MboSide.Bid, P101, 1));
        Assert.True(book.ConsistentTop.IsCrossed);
        book.Apply(NoAction());
        AssertOnly(book, AnomalyKind.CrossedBook, 2);
    }

    [Fact]
    public void Maybe_bad_book_is_counted_per_record_and_the_record_still_applies()
    {
        var book = BookOf(
            Add(1, MboSide.Bid, P100, 5, MboFlags.Last | MboFlags.MaybeBadBook),
            NoAction(MboFlags.Last | MboFlags.MaybeBadBook));

        Assert.Equal(1, book.OrderCount);
        AssertOnly(book, AnomalyKind.MaybeBadBook, 2);
    }

    [Fact]
    public void Cancel_larger_than_the_order_removes_it_and_is_counted()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Bid, P100, 5), Cancel(1, 8));

        Assert.False(book.TryGetOrder(1, out _));
        Assert.Equal(new BookLevel(P100, 5, 1), book.GetLevel(MboSide.Bid, 0));
        AssertOnly(book, AnomalyKind.CancelExceedsSize, 1);
    }

    [Fact]
    public void Modify_to_the_other_side_moves_the_order_and_is_counted()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Add(2, MboSide.Ask, P101, 1), Modify(1, MboSide.Ask, P101, 5));

        Assert.Equal(0, book.LevelCount(MboSide.Bid));
        Assert.True(book.TryGetOrder(1, out var o));
        Assert.Equal((MboSide.Ask, 1), (o.Side, o.QueuePosition));
        AssertOnly(book, AnomalyKind.SideChanged, 1);
    }

    [Fact]
    public void Orders_without_a_side_or_a_price_are_counted_and_ignored()
    {
        var book = BookOf(
            Add(1, MboSide.None, P100, 5),
            Add(2, MboSide.Bid, MboEvent.UndefinedPrice, 5),
            Add(3, MboSide.Bid, P100, 5),
            Modify(3, MboSide.None, P100, 9),
            Modify(3, MboSide.Bid, MboEvent.UndefinedPrice, 9));

        Assert.Equal(1, book.OrderCount);
        Assert.True(book.TryGetOrder(3, out var o));
        Assert.Equal(5u, o.Size);
        AssertOnly(book, AnomalyKind.InvalidOrder, 4);
    }

    [Fact]
    public void An_unknown_action_is_counted_and_ignored()
    {
        var book = BookOf(Add(1, MboSide.Bid, P100, 5), Record((MboAction)(byte)'X', 1, MboSide.Bid, P100, 5, MboFlags.Last));

        Assert.Equal(1, book.OrderCount);
        AssertOnly(book, AnomalyKind.UnknownAction, 1);
    }

    [Fact]
    public void Anomaly_counts_describe_themselves_for_summaries()
    {
        var book = BookOf(Cancel(5, 1), Cancel(6, 1), Add(1, MboSide.Bid, P100, 5), Add(1, MboSide.Bid, P100, 5));

        Assert.Equal(3L, book.Anomalies.Total);
        Assert.Equal("cancel of unknown order 2, duplicate add 1", book.Anomalies.ToString());
        Assert.Equal("none", default(AnomalyCounts).ToString());
        for (var k = 0; k < AnomalyCounts.KindCount; k++)
            Assert.False(string.IsNullOrWhiteSpace(AnomalyCounts.Describe((AnomalyKind)k)));
    }
}
