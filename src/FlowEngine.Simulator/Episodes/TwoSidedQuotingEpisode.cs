using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// Market-maker noise that looks institutional: for 3–10 s a market maker shows large quotes on both sides
/// at the touch (30–120 lots on the future, 15–60 on options, ±20 % per refresh) and refreshes them every
/// exponential 150 ms (cancel and re-post, one event each). 30 % of steps are trades of 3–17 lots that
/// alternate buy and sell, so the flow nets to about zero. Quotes still resting at the end are cancelled.
/// The instrument's price is held. Label side: both.
/// </summary>
internal static class TwoSidedQuotingEpisode
{
    /// <summary>Picks an instrument; false when none is idle.</summary>
    public static bool Begin(EpisodeDirector d, EpisodeSlot slot)
    {
        var b = d.PickBook(0.2);
        if (b < 0) return false;
        var rng = d.Venue.Rng;
        slot.Book = b;
        slot.Side = EpisodeSide.Both;
        slot.Size = d.Profiles[b].IsFuture ? rng.NextInclusive(30, 120) : rng.NextInclusive(15, 60);
        slot.EndTime = d.Venue.Now + 3_000_000_000L + rng.NextBelow(7_000) * 1_000_000L;
        slot.MeanGapNs = 150_000_000;
        slot.Aggressor = rng.NextBool() ? SimulatedBook.Bid : SimulatedBook.Ask;
        d.Launch(slot, b);
        return true;
    }

    /// <summary>Quotes, trades, or winds down.</summary>
    public static void Step(EpisodeDirector d, EpisodeSlot slot)
    {
        var venue = d.Venue;
        var rng = venue.Rng;
        var book = venue.Books[slot.Book];
        if (venue.Now >= slot.EndTime)
        {
            var pulled = d.CancelQuote(slot, 0, book);
            pulled |= d.CancelQuote(slot, 1, book);
            if (pulled) d.Record(slot, 0, 0, 0, 0);
            d.Finish(slot);
            return;
        }
        if (slot.Phase == 0 || rng.NextOpenUnit() > 0.3)
        {
            Requote(d, slot, book, 0);
            if (slot.Label[0] < 0) slot.RefTick[0] = book.TargetBid;
            d.Record(slot, 0, 0, 1, 0);
            slot.Phase = 1;
        }
        else
        {
            var traded = venue.Trade(book, slot.Aggressor, rng.NextInclusive(3, 17), 1, keepLastLot: true, protectOwned: false);
            slot.Aggressor = 1 - slot.Aggressor;
            if (traded > 0) d.Record(slot, 0, traded, 1, 1);
        }
        d.Schedule(slot, rng.NextExponentialNs(slot.MeanGapNs));
    }

    /// <summary>Cancels and re-posts the bid and ask quotes held in positions <paramref name="first"/> and <paramref name="first"/> + 1.</summary>
    public static void Requote(EpisodeDirector d, EpisodeSlot slot, SimulatedBook book, int first)
    {
        var rng = d.Venue.Rng;
        for (var side = 0; side < 2; side++)
        {
            d.CancelQuote(slot, first + side, book);
            var size = slot.Size * (80 + rng.NextBelow(41)) / 100;
            d.PostQuote(slot, first + side, book, side, Math.Max(1, size));
        }
    }
}
