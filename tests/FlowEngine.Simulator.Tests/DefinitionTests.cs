using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Simulator.Tests;

[Collection(SessionCollection.Name)]
public sealed class DefinitionTests(SessionFixture session)
{
    [Fact]
    public void The_chain_has_a_future_then_a_call_and_a_put_per_strike_around_the_future_price()
    {
        var o = session.Options;
        var defs = session.Definitions;
        Assert.Equal(1 + 2 * (2 * o.StrikesEachSide + 1), defs.Count);
        var future = defs[0];
        Assert.Equal(InstrumentClass.Future, future.Class);
        Assert.Equal(o.FutureInstrumentId, future.InstrumentId);
        Assert.Equal(o.FutureTickSize, future.TickSize);
        Assert.Equal(MboEvent.UndefinedPrice, future.StrikePrice);

        var strikes = new List<long>();
        for (var i = 1; i < defs.Count; i += 2)
        {
            var call = defs[i];
            var put = defs[i + 1];
            Assert.Equal(InstrumentClass.Call, call.Class);
            Assert.Equal(InstrumentClass.Put, put.Class);
            Assert.Equal(call.StrikePrice, put.StrikePrice);
            Assert.Equal(future.RawSymbol, call.Underlying);
            Assert.Equal(future.RawSymbol, put.Underlying);
            Assert.Equal(call.Expiration, put.Expiration);
            Assert.True(call.Expiration > o.SessionStartNs && call.Expiration < future.Expiration);
            Assert.Equal($"{future.RawSymbol} C{call.StrikePrice / 1_000_000_000}", call.RawSymbol);
            Assert.Equal($"{future.RawSymbol} P{put.StrikePrice / 1_000_000_000}", put.RawSymbol);
            strikes.Add(call.StrikePrice);
        }
        for (var i = 1; i < strikes.Count; i++) Assert.Equal(o.StrikeSpacing, strikes[i] - strikes[i - 1]);
        var atm = strikes[o.StrikesEachSide];
        Assert.True(Math.Abs(atm - o.FuturePrice) <= o.StrikeSpacing / 2, $"middle strike {atm} is not at the money ({o.FuturePrice})");

        var ids = defs.Select(d => d.InstrumentId).ToList();
        Assert.Equal(Enumerable.Range((int)o.FutureInstrumentId, defs.Count).Select(i => (uint)i), ids);
        Assert.All(defs, d => Assert.Equal(o.SessionStartNs, d.TsRecv));
        Assert.All(defs, d => Assert.Equal(o.Multiplier, d.Multiplier));
    }

    [Fact]
    public void Definition_events_open_the_stream_in_definition_order()
    {
        var events = session.DefinitionEvents;
        Assert.Equal(session.Definitions.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(EventKind.InstrumentDefinition, events[i].Kind);
            Assert.Equal(session.Definitions[i].InstrumentId, events[i].InstrumentId);
            Assert.Equal(i, events[i].Aux);
            Assert.Equal(session.Options.SessionStartNs, events[i].TsRecv);
            Assert.True(events[i].IsLast);
        }
    }

    [Fact]
    public void The_opening_snapshot_clears_each_book_then_adds_thousands_of_resting_orders()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 5 });
        var e = new MboEvent();
        var clears = new List<uint>();
        var adds = new Dictionary<uint, int>();
        while (sim.Next(ref e) && (e.Kind != EventKind.Mbo || (e.Flags & MboFlags.Snapshot) != 0))
        {
            if (e.Kind != EventKind.Mbo) continue;
            Assert.Equal(MboFlags.Snapshot | MboFlags.BadTsRecv, e.Flags & ~MboFlags.Last);
            if (e.Action == MboAction.Clear) clears.Add(e.InstrumentId);
            else
            {
                Assert.Equal(MboAction.Add, e.Action);
                adds[e.InstrumentId] = adds.GetValueOrDefault(e.InstrumentId) + 1;
            }
        }
        Assert.Equal(sim.Definitions.Select(d => d.InstrumentId), clears);
        Assert.Equal(5000, adds[sim.Definitions[0].InstrumentId]);
        Assert.All(adds.Values, n => Assert.True(n >= 100));
        Assert.True(adds.Values.Sum() > 20_000);
    }
}
