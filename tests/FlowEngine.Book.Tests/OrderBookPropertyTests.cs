using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Book.Tests;

/// <summary>
/// The pooled book against the plain reference model on random streams: after every record the whole book
/// (levels, totals, FIFO order of every queue) matches, totals equal the sum of the orders, and replaying in
/// two halves (through a snapshot) equals replaying in one.
/// </summary>
public class OrderBookPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150).WithEndSize(100);

    private static void AssertTotalsEqualSumOfOrders(OrderBook book)
    {
        var orders = 0;
        foreach (var side in new[] { MboSide.Bid, MboSide.Ask })
        {
            long previous = 0;
            for (var d = 0; d < book.LevelCount(side); d++)
            {
                var level = book.GetLevel(side, d);
                long size = 0;
                var count = 0;
                foreach (var o in book.OrdersAt(side, d))
                {
                    Assert.Equal(level.Price, o.Price);
                    Assert.Equal(side, o.Side);
                    Assert.Equal((count, size), (o.QueuePosition, o.SizeAhead));
                    size += o.Size;
                    count++;
                }
                Assert.Equal(level.Size, size);
                Assert.Equal(level.OrderCount, count);
                Assert.True(count > 0, "an empty level is still listed");
                if (d > 0)
                    Assert.True(side == MboSide.Bid ? level.Price < previous : level.Price > previous, "levels out of order");
                previous = level.Price;
                orders += count;
            }
        }
        Assert.Equal(book.OrderCount, orders);
    }

    private static void CheckAgainstReference(MboEvent[] events)
    {
        var book = new OrderBook(Mbo.Instrument, orderCapacity: 4, levelCapacity: 2);
        var reference = new ReferenceBook();
        foreach (var e in events)
        {
            var result = book.Apply(in e);
            var topChanged = reference.Apply(e);
            Assert.Equal(topChanged, (result & ApplyResult.TopChanged) != 0);
            Assert.Equal((e.Flags & MboFlags.Last) != 0, (result & ApplyResult.Last) != 0);
            Assert.Equal(reference.State(), BookState.Of(book));
            Assert.Equal(reference.OrderCount, book.OrderCount);
        }
        AssertTotalsEqualSumOfOrders(book);
        for (var k = 0; k < AnomalyCounts.KindCount; k++)
            Assert.Equal(reference.Anomalies.GetValueOrDefault((AnomalyKind)k), book.Anomalies[(AnomalyKind)k]);
    }

    [Fact]
    public void Valid_streams_match_the_reference_after_every_record()
    {
        Check.One(Runs, Prop.ForAll(RandomStreams.Intents(300), intents =>
        {
            var events = RandomStreams.Build(intents, irregular: false);
            CheckAgainstReference(events);
        }));
    }

    [Fact]
    public void Valid_streams_raise_no_anomaly_except_crossing()
    {
        Check.One(Runs, Prop.ForAll(RandomStreams.Intents(300), intents =>
        {
            var book = new OrderBook(Mbo.Instrument);
            foreach (var e in RandomStreams.Build(intents, irregular: false))
                book.Apply(in e);
            Assert.Equal(book.Anomalies[AnomalyKind.CrossedBook], book.Anomalies.Total);
        }));
    }

    [Fact]
    public void Irregular_streams_never_throw_and_still_match_the_reference()
    {
        Check.One(Runs, Prop.ForAll(RandomStreams.Intents(300), intents =>
        {
            var events = RandomStreams.Build(intents, irregular: true);
            CheckAgainstReference(events);
        }));
    }

    [Fact]
    public void Level_totals_always_equal_the_sum_of_their_orders()
    {
        Check.One(Runs, Prop.ForAll(RandomStreams.Intents(400), intents =>
        {
            var book = new OrderBook(Mbo.Instrument, orderCapacity: 2, levelCapacity: 1);
            foreach (var e in RandomStreams.Build(intents, irregular: true))
            {
                book.Apply(in e);
                AssertTotalsEqualSumOfOrders(book);
            }
        }));
    }

    [Fact]
    public void Replay_in_two_halves_through_a_snapshot_equals_replay_in_one()
    {
        var split = from intents in RandomStreams.Intents(300).Generator
                    from cut in Gen.Choose(0, intents.Length)
                    select (intents, cut);
        Check.One(Runs, Prop.ForAll(split.ToArbitrary(), input =>
        {
            var events = RandomStreams.Build(input.intents, irregular: true);
            var cut = Math.Min(input.cut, events.Length);

            var whole = new OrderBook(Mbo.Instrument);
            foreach (var e in events)
                whole.Apply(in e);

            var firstHalf = new OrderBook(Mbo.Instrument);
            foreach (var e in events.AsSpan(0, cut))
                firstHalf.Apply(in e);
            var snapshot = new MboEvent[firstHalf.SnapshotLength];
            Assert.Equal(snapshot.Length, firstHalf.ExportSnapshot(snapshot));

            var resumed = new OrderBook(Mbo.Instrument);
            foreach (var e in snapshot)
                resumed.Apply(in e);
            Assert.Equal(BookState.Of(firstHalf), BookState.Of(resumed));
            Assert.Equal(firstHalf.Top, resumed.ConsistentTop);
            foreach (var e in events.AsSpan(cut))
                resumed.Apply(in e);

            Assert.Equal(BookState.Of(whole), BookState.Of(resumed));
            Assert.Equal(whole.ConsistentTop, resumed.ConsistentTop);
            Assert.Equal((whole.LastTsRecv, whole.LastSequence), (resumed.LastTsRecv, resumed.LastSequence));
        }));
    }
}
