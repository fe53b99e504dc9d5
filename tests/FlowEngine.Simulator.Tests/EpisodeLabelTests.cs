using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Simulator.Tests;

/// <summary>Each label must describe events that are really in the stream, on its instrument, side and span.</summary>
[Collection(SessionCollection.Name)]
public sealed class EpisodeLabelTests(SessionFixture session)
{
    private IEnumerable<EpisodeLabel> Of(EpisodeKind kind) => session.Labels.Where(l => l.Kind == kind);

    private static MboSide ToMbo(EpisodeSide side) => side == EpisodeSide.Buy ? MboSide.Bid : MboSide.Ask;

    [Fact]
    public void A_ten_minute_session_holds_a_few_dozen_episodes_of_each_kind()
    {
        foreach (var kind in EpisodeKinds.All)
        {
            var count = kind == EpisodeKind.MarketMakerCallPut
                ? Of(kind).Select(l => l.Group).Distinct().Count()
                : Of(kind).Count();
            Assert.True(count is >= 15 and <= 60, $"{kind}: {count} episodes in 10 minutes");
        }
        Assert.Equal(Enumerable.Range(0, session.Labels.Count), session.Labels.Select(l => l.Id));
        Assert.True(session.Labels.Zip(session.Labels.Skip(1)).All(p => p.First.StartNs <= p.Second.StartNs), "labels are not in start order");
    }

    [Fact]
    public void Episodes_on_one_instrument_never_overlap_and_keep_the_quiet_gap()
    {
        var gap = (long)session.Options.EpisodeGap.TotalNanoseconds;
        foreach (var group in session.Labels.GroupBy(l => l.InstrumentId))
        {
            var ordered = group.OrderBy(l => l.StartNs).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].StartNs - ordered[i - 1].EndNs >= gap,
                    $"instrument {group.Key}: label {ordered[i].Id} starts {(ordered[i].StartNs - ordered[i - 1].EndNs) / 1e9:F3} s after label {ordered[i - 1].Id} ends");
        }
    }

    [Fact]
    public void Sweep_labels_span_aggressive_events_trading_at_two_or_more_prices_on_their_side()
    {
        foreach (var l in Of(EpisodeKind.Sweep))
        {
            Assert.True(l.Side is EpisodeSide.Buy or EpisodeSide.Sell);
            var sweeps = session.SpanRecords[l.Id].Where(e => e.Action == MboAction.Trade)
                .GroupBy(e => e.Sequence)
                .Where(g => g.Select(t => t.Price).Distinct().Count() >= 2)
                .ToList();
            Assert.True(sweeps.Count == l.Actions, $"sweep label {l.Id}: {sweeps.Count} multi-level events in its span, label says {l.Actions}");
            Assert.All(sweeps, g => Assert.All(g, t => Assert.Equal(ToMbo(l.Side), t.Side)));
            foreach (var g in sweeps)
            {
                var prices = g.Select(t => t.Price).ToList();
                var sorted = l.Side == EpisodeSide.Buy ? prices.Order() : prices.OrderDescending();
                Assert.Equal(sorted, prices); // a buy lifts offers upwards, a sell hits bids downwards
            }
            Assert.Equal(l.Volume, sweeps.Sum(g => g.Sum(t => (long)t.Size)));
            Assert.Equal(l.Levels, sweeps.Max(g => g.Count()));
            Assert.Equal(l.Price, sweeps[0].First().Price);
            Assert.Equal(l.StartNs, sweeps[0].First().TsRecv);
            Assert.Equal(l.EndNs, sweeps[^1].First().TsRecv);
        }
    }

    [Fact]
    public void Iceberg_labels_span_one_order_id_consumed_and_re_added_at_one_price()
    {
        foreach (var l in Of(EpisodeKind.Iceberg))
        {
            var records = session.SpanRecords[l.Id];
            var side = ToMbo(l.Side);
            var refilled = records.Where(e => e.Action == MboAction.Add && e.Side == side)
                .GroupBy(e => e.OrderId).Where(g => g.Count() >= 2).ToList();
            Assert.True(refilled.Count == 1, $"iceberg label {l.Id}: {refilled.Count} order ids re-added in its span");
            var adds = refilled[0].ToList();
            Assert.InRange(adds.Count, 2, 9);
            Assert.All(adds, a => Assert.Equal(l.Price, a.Price));
            Assert.All(adds, a => Assert.Equal(adds[0].Size, a.Size));
            var id = adds[0].OrderId;
            var consumed = records.Where(e => e.Action == MboAction.Cancel && e.OrderId == id).ToList();
            Assert.Equal(l.Actions, consumed.Count);
            Assert.InRange(consumed.Count, adds.Count - 1, adds.Count);
            // Each display is consumed (C of its whole size) before the next one appears.
            var ordered = records.Where(e => e.OrderId == id).ToList();
            for (var i = 1; i < ordered.Count; i++) Assert.NotEqual(ordered[i - 1].Action, ordered[i].Action);
            // The trade that consumes it takes the whole level: larger than the display.
            var hits = records.Where(e => e.Action == MboAction.Trade && e.Price == l.Price && e.Side != side && e.Size >= adds[0].Size).ToList();
            Assert.True(hits.Count >= consumed.Count, $"iceberg label {l.Id}: {hits.Count} trades at least the display size for {consumed.Count} consumptions");
        }
    }

    [Fact]
    public void Accumulation_labels_span_tens_of_seconds_of_one_sided_passive_fills()
    {
        foreach (var l in Of(EpisodeKind.Accumulation))
        {
            var passive = ToMbo(l.Side);
            var trades = session.SpanRecords[l.Id].Where(e => e.Action == MboAction.Trade).ToList();
            var intoPassive = trades.Where(t => t.Side != passive).ToList(); // aggressors hitting the accumulating side
            var otherWay = trades.Count(t => t.Side == passive);
            var cutBySessionEnd = l.StartNs + 60_000_000_000 > session.LastLiveTs;
            if (cutBySessionEnd) continue;
            Assert.True(l.EndNs - l.StartNs >= 19_000_000_000, $"accumulation label {l.Id} lasts only {(l.EndNs - l.StartNs) / 1e9:F1} s");
            Assert.True(l.Actions >= 25, $"accumulation label {l.Id}: only {l.Actions} passive fills");
            Assert.True(intoPassive.Sum(t => (long)t.Size) >= l.Volume);
            Assert.True(intoPassive.Count >= 1.3 * otherWay + 5,
                $"accumulation label {l.Id}: {intoPassive.Count} trades into the passive side vs {otherWay} the other way");
            var atPrice = intoPassive.Count(t => t.Price == l.Price);
            Assert.True(atPrice >= 0.9 * intoPassive.Count, $"accumulation label {l.Id}: only {atPrice} of {intoPassive.Count} fills at the held price");
        }
    }

    [Fact]
    public void Two_sided_noise_labels_span_large_quotes_on_both_sides()
    {
        foreach (var l in Of(EpisodeKind.MarketMakerTwoSided))
        {
            Assert.Equal(EpisodeSide.Both, l.Side);
            var minQuote = l.InstrumentId == session.Options.FutureInstrumentId ? 24 : 12;
            var adds = session.SpanRecords[l.Id].Where(e => e.Action == MboAction.Add && e.Size >= minQuote).ToList();
            var bids = adds.Count(a => a.Side == MboSide.Bid);
            var asks = adds.Count(a => a.Side == MboSide.Ask);
            Assert.True(bids >= 1 && asks >= 1, $"two-sided label {l.Id}: {bids} large bids, {asks} large asks");
            Assert.True(Math.Abs(bids - asks) <= 3 + (bids + asks) / 4, $"two-sided label {l.Id}: {bids} large bids vs {asks} large asks");
        }
    }

    [Fact]
    public void Call_put_noise_labels_pair_the_call_and_put_of_one_strike_trading_together()
    {
        var defs = session.Definitions.ToDictionary(d => d.InstrumentId);
        foreach (var pair in Of(EpisodeKind.MarketMakerCallPut).GroupBy(l => l.Group))
        {
            var labels = pair.ToList();
            Assert.Equal(2, labels.Count);
            var call = defs[labels[0].InstrumentId];
            var put = defs[labels[1].InstrumentId];
            Assert.Equal(InstrumentClass.Call, call.Class);
            Assert.Equal(InstrumentClass.Put, put.Class);
            Assert.Equal(call.StrikePrice, put.StrikePrice);
            Assert.All(labels, l => Assert.Equal(EpisodeSide.None, l.Side));
            Assert.Equal(labels[0].StartNs, labels[1].StartNs);
            Assert.Equal(labels[0].Id, labels[0].Group);
            if (labels[0].Volume == 0) continue;
            var callTrades = session.SpanRecords[labels[0].Id].Where(e => e.Action == MboAction.Trade).ToList();
            var putTrades = session.SpanRecords[labels[1].Id].Where(e => e.Action == MboAction.Trade).ToList();
            var paired = callTrades.Count(c => putTrades.Any(p => p.TsRecv == c.TsRecv && p.Side == c.Side));
            Assert.True(paired >= 1, $"call/put group {pair.Key}: no call trade has a put trade on the same side at the same time");
        }
    }
}
