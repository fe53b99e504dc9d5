using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// Market-maker noise across the chain: the call and the put of one strike move together. For 3–8 s both
/// get large two-sided quotes (15–60 lots) refreshed together every exponential 200 ms, and 40 % of steps
/// are paired trades: the same aggressor side (fixed for the episode, like a straddle buyer or seller) and
/// the same size (5–25 lots) on the call and then the put at the same timestamp. Per instrument that looks
/// like directional pressure, but call and put pressure at one strike cancel in delta. Both prices are held.
/// Two labels (call, then put) share a group id; side: none.
/// </summary>
internal static class CallPutPairEpisode
{
    /// <summary>Picks a strike whose call and put are idle; false when none is.</summary>
    public static bool Begin(EpisodeDirector d, EpisodeSlot slot)
    {
        var call = d.PickCallPut();
        if (call < 0) return false;
        var rng = d.Venue.Rng;
        slot.Book = call;
        slot.Book2 = call + 1;
        slot.Side = EpisodeSide.None;
        slot.Size = rng.NextInclusive(15, 60);
        slot.EndTime = d.Venue.Now + 3_000_000_000L + rng.NextBelow(5_000) * 1_000_000L;
        slot.MeanGapNs = 200_000_000;
        slot.Aggressor = rng.NextBool() ? SimulatedBook.Bid : SimulatedBook.Ask;
        d.Pin(slot, call);
        d.Pin(slot, call + 1);
        d.Schedule(slot, 1 + rng.NextBelow(2_000_000));
        return true;
    }

    /// <summary>Quotes both, trades both, or winds down.</summary>
    public static void Step(EpisodeDirector d, EpisodeSlot slot)
    {
        var venue = d.Venue;
        var rng = venue.Rng;
        var call = venue.Books[slot.Book];
        var put = venue.Books[slot.Book2];
        if (venue.Now >= slot.EndTime)
        {
            var pulledCall = d.CancelQuote(slot, 0, call);
            pulledCall |= d.CancelQuote(slot, 1, call);
            var pulledPut = d.CancelQuote(slot, 2, put);
            pulledPut |= d.CancelQuote(slot, 3, put);
            if (pulledCall) d.Record(slot, 0, 0, 0, 0);
            if (pulledPut) d.Record(slot, 1, 0, 0, 0);
            d.Finish(slot);
            return;
        }
        if (slot.Phase == 0 || rng.NextOpenUnit() > 0.4)
        {
            TwoSidedQuotingEpisode.Requote(d, slot, call, 0);
            TwoSidedQuotingEpisode.Requote(d, slot, put, 2);
            if (slot.Label[0] < 0)
            {
                slot.RefTick[0] = call.TargetBid;
                slot.RefTick[1] = put.TargetBid;
            }
            d.Record(slot, 0, 0, 1, 0);
            d.Record(slot, 1, 0, 1, 0);
            slot.Phase = 1;
        }
        else
        {
            var qty = rng.NextInclusive(5, 25);
            var onCall = venue.Trade(call, slot.Aggressor, qty, 1, keepLastLot: true, protectOwned: false);
            var onPut = venue.Trade(put, slot.Aggressor, qty, 1, keepLastLot: true, protectOwned: false);
            if (onCall > 0) d.Record(slot, 0, onCall, 1, 1);
            if (onPut > 0) d.Record(slot, 1, onPut, 1, 1);
        }
        d.Schedule(slot, rng.NextExponentialNs(slot.MeanGapNs));
    }
}
