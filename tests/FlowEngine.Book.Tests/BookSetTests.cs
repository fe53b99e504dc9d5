using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests;

public class BookSetTests
{
    private static MboEvent For(uint instrument, MboEvent e)
    {
        e.InstrumentId = instrument;
        return e;
    }

    [Fact]
    public void Routes_records_by_instrument_and_lists_books_in_id_order()
    {
        var set = new BookSet();
        set.Apply(For(30, Mbo.Add(1, MboSide.Bid, Mbo.Px(10m), 1)));
        set.Apply(For(5, Mbo.Add(1, MboSide.Ask, Mbo.Px(20m), 2)));
        set.Apply(For(30, Mbo.Add(2, MboSide.Bid, Mbo.Px(10m), 3)));
        set.Apply(For(17, Mbo.Add(1, MboSide.Bid, Mbo.Px(30m), 4)));

        Assert.Equal([5u, 17, 30], set.Books.Select(b => b.InstrumentId));
        Assert.True(set.TryGetBook(30, out var book));
        Assert.Equal(new BookLevel(Mbo.Px(10m), 4, 2), book.GetLevel(MboSide.Bid, 0));
        Assert.Equal(17u, set.LastBook!.InstrumentId);
        Assert.False(set.TryGetBook(99, out _));
    }

    [Fact]
    public void Prefetching_ahead_changes_nothing_and_ignores_unknown_instruments_and_non_mbo_events()
    {
        var plain = new BookSet();
        var prefetched = new BookSet();
        var events = new[]
        {
            For(30, Mbo.Add(1, MboSide.Bid, Mbo.Px(10m), 1)),
            For(5, Mbo.Add(1, MboSide.Ask, Mbo.Px(20m), 2)),
            For(30, Mbo.Add(2, MboSide.Bid, Mbo.Px(10m), 3)),
            MboEvent.TimerTick(1_000_000_000, 1),
            For(30, Mbo.Cancel(1, 1)),
            For(5, Mbo.Cancel(1, 2)),
        };
        for (var i = 0; i < events.Length; i++)
        {
            // Ahead of the books: instrument 99 was never seen, the tick is not an MBO record.
            prefetched.Prefetch(For(99, Mbo.Add(5, MboSide.Bid, Mbo.Px(1m), 1)));
            for (var ahead = i; ahead < events.Length; ahead++)
                prefetched.Prefetch(in events[ahead]);
            Assert.Equal(plain.Apply(in events[i]), prefetched.Apply(in events[i]));
        }
        Assert.False(prefetched.TryGetBook(99, out _));
        Assert.Equal(plain.Books.Select(b => (b.InstrumentId, b.OrderCount, b.ConsistentTop)),
            prefetched.Books.Select(b => (b.InstrumentId, b.OrderCount, b.ConsistentTop)));
    }

    [Fact]
    public void The_same_order_id_on_two_instruments_is_two_orders()
    {
        var set = new BookSet();
        set.Apply(For(1, Mbo.Add(7, MboSide.Bid, Mbo.Px(10m), 1)));
        set.Apply(For(2, Mbo.Add(7, MboSide.Bid, Mbo.Px(10m), 1)));
        set.Apply(For(1, Mbo.Cancel(7, 1)));

        Assert.Equal(0, set.Books[0].OrderCount);
        Assert.Equal(1, set.Books[1].OrderCount);
        Assert.Equal(0L, set.TotalAnomalies().Total);
    }

    [Fact]
    public void Non_mbo_events_create_no_book_and_anomalies_total_across_books()
    {
        var set = new BookSet();
        var tick = MboEvent.TimerTick(1, 1);
        Assert.Equal(ApplyResult.None, set.Apply(in tick));
        Assert.Equal(0, set.Count);
        Assert.Null(set.LastBook);

        set.Apply(For(1, Mbo.Cancel(1, 1)));
        set.Apply(For(2, Mbo.Cancel(1, 1)));
        Assert.Equal(2L, set.TotalAnomalies()[AnomalyKind.CancelUnknownOrder]);
    }
}
