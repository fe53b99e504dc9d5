using FlowEngine.Flow.Pressure;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Tests;

public sealed class DetectorTests
{
    private const long Second = 1_000_000_000;

    private static EventStream ThreeLevelBook(PressureOptions? options = null)
    {
        var s = new EventStream(options);
        s.Add(MboSide.Bid, 400, 50, id: 10);
        s.Add(MboSide.Ask, 401, 20, id: 20);
        s.Add(MboSide.Ask, 401, 10, id: 21);
        s.Add(MboSide.Ask, 402, 40, id: 22);
        s.Add(MboSide.Ask, 403, 60, id: 23);
        return s;
    }

    [Fact]
    public void An_aggressor_filling_at_two_levels_is_a_sweep_with_levels_size_and_notional()
    {
        var s = ThreeLevelBook();
        s.Aggress(MboSide.Bid, (401, [(20, 20, 20), (21, 10, 10)]), (402, [(22, 15, 40)]));

        var e = Assert.Single(s.Recorder.Events);
        Assert.Equal(FlowEventKind.Sweep, e.Kind);
        Assert.Equal(MboSide.Bid, e.Side);
        Assert.Equal(2, e.Levels);
        Assert.Equal(45, e.Size);
        Assert.Equal(EventStream.Px(401), e.Price);
        Assert.Equal(EventStream.Px(402), e.LastPrice);
        Assert.Equal(EventStream.Px(401), e.PriorBest);
        Assert.Equal(30 * 100.25 + 15 * 100.5, e.Notional, 9);
        Assert.True(e.Flag); // 402 is through the prior best ask
    }

    [Fact]
    public void A_single_level_trade_at_the_best_is_not_a_sweep_but_one_through_the_prior_best_is()
    {
        var s = ThreeLevelBook();
        s.Aggress(MboSide.Bid, (401, [(20, 5, 20)]));
        Assert.Empty(s.Recorder.Events);

        // The best ask level vanishes without a trade; an implied/stale print at 402 would trade through 401.
        s.Cancel(MboSide.Ask, 20, 401, 15);
        s.Cancel(MboSide.Ask, 21, 401, 10);
        s.Add(MboSide.Ask, 401, 5, id: 30);
        s.Aggress(MboSide.Bid, (402, [(22, 5, 40)]));
        var e = Assert.Single(s.Recorder.Events);
        Assert.Equal(FlowEventKind.Sweep, e.Kind);
        Assert.Equal(1, e.Levels);
        Assert.True(e.Flag);
    }

    private static EventStream IcebergBook()
    {
        var s = new EventStream(new PressureOptions { LargeOrderMinSamples = 16 });
        // Typical adds are one lot deep in the book, so a 25-lot display is notable.
        for (var i = 0; i < 60; i++)
            s.Add(MboSide.Bid, 390 - i % 30, 1);
        s.Add(MboSide.Ask, 401, 100, id: 900);
        s.Add(MboSide.Bid, 400, 25, id: 500);
        return s;
    }

    [Fact]
    public void Size_reappearing_at_a_consumed_level_is_an_iceberg_refill_and_repeats_build_a_chain()
    {
        var s = IcebergBook();
        for (var hit = 1; hit <= 3; hit++)
        {
            s.Advance(100_000_000);
            s.Aggress(MboSide.Ask, (400, [(500, 25, 25)]));
            s.Advance(200_000);
            s.Add(MboSide.Bid, 400, 25, id: 500);
        }

        Assert.Equal(3, s.Recorder.Events.Count);
        for (var i = 0; i < 3; i++)
        {
            var e = s.Recorder.Events[i];
            Assert.Equal(FlowEventKind.IcebergRefill, e.Kind);
            Assert.Equal(MboSide.Bid, e.Side);
            Assert.Equal(EventStream.Px(400), e.Price);
            Assert.Equal(25, e.Size);
            Assert.Equal(i + 1, e.Count);
            Assert.Equal(25L * (i + 1), e.ChainVolume);
            Assert.True(e.Flag);      // same order id re-displayed
            Assert.True(e.SameSize);  // and the same, notable, size
        }
        s.TimerTick(EventStream.T0 + Second);
        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(3, w.IcebergRefills);
        Assert.Equal(75, w.AbsorbedBid);
        Assert.Equal(3, w.AbsorbedBidEvents);
        Assert.Equal(1.0, w.AbsorbedBidShare);
    }

    [Fact]
    public void Late_adds_other_sides_and_levels_not_taken_out_are_not_refills()
    {
        var s = IcebergBook();
        s.Advance(1_000_000);
        s.Aggress(MboSide.Ask, (400, [(500, 25, 25)]));
        s.Advance(20_000_000); // beyond the 10 ms refill window
        s.Add(MboSide.Bid, 400, 25);
        s.Aggress(MboSide.Ask, (400, [(s.NextId - 1, 10, 25)])); // partial: the level survives
        s.Advance(100_000);
        s.Add(MboSide.Bid, 400, 10);
        s.Add(MboSide.Ask, 399, 3); // other side, inside the spread
        Assert.Empty(s.Recorder.Events);
    }

    [Fact]
    public void One_consumption_is_refilled_once_however_many_adds_follow()
    {
        var s = IcebergBook();
        s.Advance(1_000_000);
        s.Aggress(MboSide.Ask, (400, [(500, 25, 25)]));
        s.Advance(100_000);
        s.Add(MboSide.Bid, 400, 25, id: 500);
        s.Advance(100_000);
        s.Add(MboSide.Bid, 400, 3); // joins the refilled level: not a second refill
        s.Advance(1_000_000_000);
        s.Add(MboSide.Bid, 400, 4); // long after: nothing either
        Assert.Single(s.Recorder.Events);
    }

    [Fact]
    public void A_quote_pair_uses_two_adds_once()
    {
        var s = new EventStream();
        s.Add(MboSide.Bid, 400, 10);
        s.Add(MboSide.Ask, 401, 10); // same ts: a pair
        s.Advance(1_000);
        s.Add(MboSide.Bid, 399, 10); // a later lone add must not pair with the spent one
        s.TimerTick(EventStream.T0 + Second);
        Assert.Equal(1, Assert.Single(s.Recorder.Closed(0)).QuotePairs);
    }

    [Fact]
    public void Equal_small_sizes_are_not_evidence_of_the_same_display()
    {
        var s = IcebergBook();
        s.Add(MboSide.Bid, 399, 1, id: 600); // 399 is now a one-lot level
        s.Aggress(MboSide.Ask, (400, [(500, 25, 25)]), (399, [(600, 1, 1)]));
        s.Advance(100_000);
        s.Add(MboSide.Bid, 399, 1);

        var e = Assert.Single(s.Recorder.Events, e => e.Kind == FlowEventKind.IcebergRefill);
        Assert.False(e.Flag);
        Assert.False(e.SameSize);
    }

    [Fact]
    public void The_exact_traded_size_reposted_at_the_hit_price_counts_as_absorption_once()
    {
        var s = new EventStream();
        s.Add(MboSide.Bid, 400, 50, id: 10);
        s.Add(MboSide.Ask, 401, 50, id: 20);
        s.Aggress(MboSide.Ask, (400, [(10, 3, 50)]));
        s.Advance(2_000_000);
        s.Add(MboSide.Bid, 400, 3);   // re-posted: absorbed
        s.Add(MboSide.Bid, 400, 3);   // the trade was matched already
        s.Aggress(MboSide.Bid, (401, [(20, 4, 50)]));
        s.Advance(2_000_000);
        s.Add(MboSide.Ask, 401, 5);   // different size
        s.Aggress(MboSide.Bid, (401, [(20, 2, 46)]));
        s.Advance(6_000_000);
        s.Add(MboSide.Ask, 401, 2);   // too late (5 ms)
        s.Aggress(MboSide.Bid, (401, [(20, 1, 44)]));
        s.Advance(1_000_000);
        s.Add(MboSide.Ask, 401, 2);   // a newer trade is recent, but the 2-lot trade it matches is 8 ms old
        s.TimerTick(EventStream.T0 + Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(3, w.AbsorbedBid);
        Assert.Equal(1, w.AbsorbedBidEvents);
        Assert.Equal(0, w.AbsorbedAsk);
        Assert.Equal(1.0, w.AbsorbedBidShare);
    }

    [Fact]
    public void Adds_above_the_rolling_percentile_are_large_orders_on_their_side()
    {
        var s = new EventStream(new PressureOptions { LargeOrderMinSamples = 50, LargeOrderPercentile = 95 });
        for (var i = 0; i < 100; i++)
            s.Add(i % 2 == 0 ? MboSide.Bid : MboSide.Ask, i % 2 == 0 ? 300 - i : 500 + i, (uint)(1 + i % 10));
        Assert.Equal(10, s.Tracker.LargeOrderThreshold(1));
        s.Add(MboSide.Bid, 200, 11);
        s.Add(MboSide.Ask, 600, 40);
        s.Add(MboSide.Ask, 601, 10); // at the threshold: not large
        s.TimerTick(EventStream.T0 + Second);

        var w = Assert.Single(s.Recorder.Closed(0));
        Assert.Equal(1, w.LargeBidAdds);
        Assert.Equal(11, w.LargeBidVolume);
        Assert.Equal(1, w.LargeAskAdds);
        Assert.Equal(40, w.LargeAskVolume);
    }

    [Fact]
    public void Same_side_trades_on_a_call_and_its_put_at_once_are_paired_and_same_packet_quotes_are_two_sided()
    {
        var registry = new InstrumentRegistry();
        registry.Apply(new InstrumentDefinition { InstrumentId = 1, RawSymbol = "ESZ6", Class = InstrumentClass.Future });
        registry.Apply(new InstrumentDefinition { InstrumentId = 2, RawSymbol = "ESZ6 C6800", Class = InstrumentClass.Call, StrikePrice = 6_800_000_000_000, Underlying = "ESZ6", Expiration = 5 });
        registry.Apply(new InstrumentDefinition { InstrumentId = 3, RawSymbol = "ESZ6 P6800", Class = InstrumentClass.Put, StrikePrice = 6_800_000_000_000, Underlying = "ESZ6", Expiration = 5 });
        var s = new EventStream(registry: registry, instrument: 2);
        s.Add(MboSide.Ask, 170, 50, id: 21);
        s.Instrument = 3;
        s.Add(MboSide.Ask, 160, 50, id: 31);
        s.Advance(1_000_000);
        s.Instrument = 2;
        s.Aggress(MboSide.Bid, (170, [(21, 7, 50)]));
        s.Instrument = 3;
        s.Aggress(MboSide.Bid, (160, [(31, 7, 50)]));
        s.Advance(5_000_000);
        s.Aggress(MboSide.Bid, (160, [(31, 2, 43)])); // alone: not paired
        s.Add(MboSide.Bid, 150, 20);
        s.Add(MboSide.Ask, 161, 25);                  // same ts: a two-sided quote
        s.Advance(1);
        s.Add(MboSide.Bid, 150, 20);
        s.TimerTick(EventStream.T0 + Second);

        Assert.True(s.Tracker.TryGetPartner(2, out var partner));
        Assert.Equal(3u, partner);
        var call = s.Recorder.Closed(0).Single(w => w.InstrumentId == 2);
        var put = s.Recorder.Closed(0).Single(w => w.InstrumentId == 3);
        Assert.Equal(7, call.PairedBuyVolume);
        Assert.Equal(7, put.PairedBuyVolume);
        Assert.Equal(9, put.BuyVolume);
        Assert.Equal(1, put.QuotePairs);
        Assert.Equal(45, put.QuotePairVolume);
    }
}
