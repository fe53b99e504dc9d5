using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// Slow passive accumulation. For 20–60 s an institution keeps small clips (1–5 lots) resting at the touch
/// of its side; opposite aggressors of 1–5 lots hit that touch at max(1.5/s, the instrument's background
/// trade rate per side) — about 24/s on the future, doubling the flow into that side — and 0.2 ms plus an exponential 2 ms after each fill
/// the institution re-posts a clip of the size just filled at the same price. The price is held for the
/// whole episode (absorption). So the tape shows elevated opposite-side aggressor volume that does not move
/// the price, and a steady refresh of the passive side. Label side: the passive side (buy = clips on the
/// bid, filled by sellers); price: the held touch.
/// </summary>
internal static class AccumulationEpisode
{
    private const int PostClip = 0;
    private const int Fill = 1;

    /// <summary>Picks an instrument, side, duration and fill rate; false when none is idle.</summary>
    public static bool Begin(EpisodeDirector d, EpisodeSlot slot)
    {
        var b = d.PickBook(0.3);
        if (b < 0) return false;
        var rng = d.Venue.Rng;
        d.TakeRandomSide(slot, b);
        slot.RefTick[0] = slot.Tick;
        slot.EndTime = d.Venue.Now + 20_000_000_000L + rng.NextBelow(40_000) * 1_000_000L;
        slot.MeanGapNs = 1e9 / Math.Max(1.5, d.Profiles[b].TradesPerSecondPerSide);
        slot.Size = ClipSize(d);
        slot.Phase = PostClip;
        d.Launch(slot, b);
        return true;
    }

    /// <summary>Posts a clip or takes a passive fill.</summary>
    public static void Step(EpisodeDirector d, EpisodeSlot slot)
    {
        var venue = d.Venue;
        var rng = venue.Rng;
        var book = venue.Books[slot.Book];
        if (slot.Phase == PostClip)
        {
            venue.Add(book, slot.SideIndex, slot.Tick, slot.Size, 0, venue.NewOrderId());
            d.Record(slot, 0, 0, 0, 0);
            if (venue.Now >= slot.EndTime)
            {
                d.Finish(slot);
                return;
            }
            slot.Phase = Fill;
            d.Schedule(slot, rng.NextExponentialNs(slot.MeanGapNs));
            return;
        }
        var traded = venue.Trade(book, 1 - slot.SideIndex, ClipSize(d), 1, keepLastLot: true, protectOwned: true);
        if (traded > 0)
        {
            d.Record(slot, 0, traded, 1, 1);
            slot.Size = traded;
        }
        slot.Phase = PostClip;
        d.Schedule(slot, 200_000 + rng.NextExponentialNs(2_000_000));
    }

    private static int ClipSize(EpisodeDirector d)
    {
        // 1–5 lots, smaller more likely (weights 5:4:3:2:1).
        var r = d.Venue.Rng.NextBelow(15);
        return r < 5 ? 1 : r < 9 ? 2 : r < 12 ? 3 : r < 14 ? 4 : 5;
    }
}
