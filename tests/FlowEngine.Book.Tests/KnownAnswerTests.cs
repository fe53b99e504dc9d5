using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Book.Tests;

/// <summary>
/// The known answer for real CME data (asserted by NautilusTrader's own suite, see ../shared/data/README.md):
/// ESH4 on 2023-12-25 ends with 922 bid and 565 ask levels, 4810.00 / 4810.25, last ts_recv
/// 1703548799446821072 and sequence 59585, whether the day's file is replayed alone or after the previous
/// day's snapshot file.
/// </summary>
public class KnownAnswerTests
{
    private const uint Esh4 = 17077;
    private static readonly Lazy<MboEvent[]> Snapshot24 = new(() => DbnEvents.Read(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn")));
    private static readonly Lazy<MboEvent[]> Day25 = new(() => DbnEvents.Read(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn")));

    private static BookSet Replay(params MboEvent[][] files)
    {
        var set = new BookSet();
        foreach (var file in files)
        {
            foreach (var e in file)
                set.Apply(in e);
        }
        return set;
    }

    private static void AssertKnownAnswer(OrderBook book)
    {
        var s = book.Summary();
        Assert.Equal(922, s.BidLevels);
        Assert.Equal(565, s.AskLevels);
        Assert.Equal(4_810_000_000_000L, s.Top.BidPrice);
        Assert.Equal(4_810_250_000_000L, s.Top.AskPrice);
        Assert.Equal(1703548799446821072L, s.LastTsRecv);
        Assert.Equal(59585u, s.LastSequence);
        Assert.True(s.IsConsistent);
        Assert.Equal(s.Top, book.ConsistentTop);
        Assert.Equal("4810.00", PriceFormat.ToDecimal(s.Top.BidPrice));
        Assert.Equal("4810.25", PriceFormat.ToDecimal(s.Top.AskPrice));
    }

    [Fact]
    public void Esh4_20231225_alone_gives_the_known_answer()
    {
        var set = Replay(Day25.Value);

        Assert.Equal(1, set.Count);
        Assert.True(set.TryGetBook(Esh4, out var book));
        AssertKnownAnswer(book);
        Assert.Equal(Day25.Value.Length, book.EventsApplied);
    }

    [Fact]
    public void Esh4_20231225_after_the_20231224_snapshot_gives_the_same_book()
    {
        var alone = Replay(Day25.Value).Books[0];
        var set = Replay(Snapshot24.Value, Day25.Value);

        var book = set.Books[0];
        AssertKnownAnswer(book);
        // The 25th repeats the 24th's snapshot: each of its adds replaces a live order instead of doubling it.
        Assert.Equal(Snapshot24.Value.Length, book.Anomalies[AnomalyKind.DuplicateAdd]);
        Assert.Equal(BookState.Of(alone), BookState.Of(book));
    }

    [Fact]
    public void The_snapshot_file_alone_holds_every_order_it_adds()
    {
        var events = Snapshot24.Value;
        var book = Replay(events).Books[0];

        Assert.All(events, e => Assert.Equal(MboAction.Add, e.Action));
        Assert.Equal(events.Length, book.OrderCount);
        Assert.Equal(0L, book.Anomalies.Total);
    }

    [Fact]
    public void The_real_day_leaves_levels_whose_totals_equal_their_orders()
    {
        var book = Replay(Day25.Value).Books[0];
        var summary = book.Summary();
        long orders = 0;
        foreach (var side in new[] { MboSide.Bid, MboSide.Ask })
        {
            for (var d = 0; d < book.LevelCount(side); d++)
            {
                var level = book.GetLevel(side, d);
                long size = 0;
                var count = 0;
                foreach (var o in book.OrdersAt(side, d))
                {
                    size += o.Size;
                    count++;
                }
                Assert.Equal((level.Size, level.OrderCount), (size, count));
                orders += count;
            }
        }
        Assert.Equal(book.OrderCount, orders);
        Assert.Equal(summary.BidOrders + summary.AskOrders, book.OrderCount);
        // Only the pre-open crossing and no feed damage: every cancel and modify hit a live order.
        Assert.Equal(book.Anomalies[AnomalyKind.CrossedBook], book.Anomalies.Total);
    }

    [Fact]
    public void The_esm4_file_starts_with_a_clear_and_replays_without_anomalies()
    {
        var events = DbnEvents.Read(TestPaths.Data("dbn-cme", "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn"));
        var set = Replay(events);

        Assert.Equal(MboAction.Clear, events[0].Action);
        var book = Assert.Single(set.Books);
        Assert.Equal(5602u, book.InstrumentId);
        Assert.Equal(0L, book.Anomalies.Total);
        Assert.True(book.ConsistentTop.HasBid && book.ConsistentTop.HasAsk && !book.ConsistentTop.IsCrossed);
    }
}
