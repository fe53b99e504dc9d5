using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Tests;

[Collection(SessionCollection.Name)]
public sealed class BookConsistencyTests(SessionFixture session)
{
    [Fact]
    public void Every_cancel_modify_and_fill_refers_to_a_live_order_at_its_current_size()
    {
        var c = session.Checker;
        Assert.True(c.Records > 1_000_000, $"only {c.Records} records: the session is too small to prove anything");
        Assert.Equal(0, c.UnknownOrder);
        Assert.Equal(0, c.NegativeSize);
        Assert.Equal(0, c.DuplicateAdd);
        Assert.Empty(c.Problems);
    }

    [Fact]
    public void Trade_events_follow_the_databento_T_F_then_C_or_M_layout()
    {
        var c = session.Checker;
        Assert.True(c.Trades > 10_000, $"only {c.Trades} trade events");
        Assert.True(c.MultiLevelTrades > 0, "no trade event traded at two or more prices (sweeps missing)");
        Assert.Equal(0, c.BadTradeStructure);
    }

    [Fact]
    public void The_book_is_never_crossed_once_an_event_is_complete()
    {
        Assert.Equal(0, session.Checker.Crossed);
    }

    [Fact]
    public void Time_never_goes_back_and_sequence_is_one_per_venue_event()
    {
        var c = session.Checker;
        Assert.Equal(0, c.TimeBackwards);
        Assert.Equal(0, c.SequenceErrors);
        Assert.Equal(0, c.TsEventAfterRecv);
        Assert.True(session.LastLiveTs <= session.Options.SessionStartNs + (long)session.Options.Duration.TotalNanoseconds);
    }

    [Fact]
    public void Records_carry_the_publisher_small_positive_ts_in_delta_and_a_short_receive_latency()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 11, Duration = TimeSpan.FromSeconds(20), PublisherId = 7 });
        var e = new MboEvent();
        long live = 0;
        while (sim.Next(ref e))
        {
            Assert.Equal((ushort)7, e.PublisherId);
            if (e.Kind != EventKind.Mbo) continue;
            Assert.Equal(0, e.Aux);
            if ((e.Flags & MboFlags.Snapshot) != 0)
            {
                // Like Databento's snapshots: stamped at the session start, no in-delta.
                Assert.Equal(sim.Options.SessionStartNs, e.TsRecv);
                Assert.Equal(e.TsRecv, e.TsEvent);
                Assert.Equal(0, e.TsInDelta);
                continue;
            }
            live++;
            Assert.InRange(e.TsInDelta, 10_000, 25_000);
            Assert.InRange(e.TsRecv - e.TsEvent, 0, 60_000);
        }
        Assert.True(live > 100_000);
    }
}
