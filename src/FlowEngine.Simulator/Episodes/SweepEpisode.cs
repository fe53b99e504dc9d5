using FlowEngine.Simulator.Flow;
using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// A large aggressive order sweeping the book. One to three sweeps (probabilities 0.5 / 0.3 / 0.2), 50 ms
/// plus an exponential 250 ms apart, all from the same side. Each sweep takes every order on the first 2–5
/// (future) or 2–4 (options) non-empty levels within 10 ticks of the touch and part of the next one, as one
/// venue event (T per level, F per resting order, then C/M), so it trades at ≥ 2 prices. The touch then
/// re-anchors at the new best price (permanent impact on the future; options drift back to their model
/// price after the episode). Label side: the aggressor's (buy = lifting offers).
/// </summary>
internal static class SweepEpisode
{
    private const int MaxTicksFromTouch = 10;

    /// <summary>Picks an instrument with enough depth and a direction; false when none is available.</summary>
    public static bool Begin(EpisodeDirector d, EpisodeSlot slot)
    {
        var b = d.PickBook(0.35);
        if (b < 0) return false;
        var book = d.Venue.Books[b];
        var rng = d.Venue.Rng;
        var offset = book.TargetBid - d.Profiles[b].OpeningBid;
        // Lean against a long excursion so prices stay inside the books' tick range in long runs.
        var buy = offset > QuoteDynamics.SoftBoundTicks * 3 / 4 ? false
            : offset < -QuoteDynamics.SoftBoundTicks * 3 / 4 || rng.NextBool();
        slot.SideIndex = buy ? SimulatedBook.Bid : SimulatedBook.Ask;
        if (LevelsAvailable(book, 1 - slot.SideIndex) < 3) return false;
        slot.Book = b;
        slot.Side = buy ? EpisodeSide.Buy : EpisodeSide.Sell;
        var r = rng.NextOpenUnit();
        slot.Remaining = r <= 0.5 ? 1 : r <= 0.8 ? 2 : 3;
        d.Launch(slot, b);
        return true;
    }

    /// <summary>One sweep.</summary>
    public static void Step(EpisodeDirector d, EpisodeSlot slot)
    {
        var venue = d.Venue;
        var rng = venue.Rng;
        var book = venue.Books[slot.Book];
        var aggressor = slot.SideIndex;
        var resting = 1 - aggressor;
        var wanted = 2 + rng.NextBelow(d.Profiles[slot.Book].IsFuture ? 4 : 3);

        var best = book.Best(resting);
        var tick = best;
        var qty = 0;
        var full = 0;
        while (full < wanted && IsNear(book, resting, tick, best))
        {
            qty += book.Level(resting, tick).Size;
            full++;
            tick = book.NextLevel(resting, tick);
        }
        if (full < 2)
        {
            d.Finish(slot);
            return;
        }
        var levels = full;
        if (IsNear(book, resting, tick, best))
        {
            qty += rng.NextBelow(book.Level(resting, tick).Size);
            levels++;
        }

        var traded = venue.Trade(book, aggressor, qty, levels, keepLastLot: false, protectOwned: false);
        if (slot.Label[0] < 0) slot.RefTick[0] = venue.LastTradeFirstTick;
        d.Record(slot, 0, traded, 1, venue.LastTradeLevels);
        d.Quotes.AfterSweep(book, aggressor, venue.LastTradeLastTick);

        if (--slot.Remaining > 0) d.Schedule(slot, 50_000_000 + rng.NextExponentialNs(250_000_000));
        else d.Finish(slot);
    }

    private static bool IsNear(SimulatedBook book, int side, int tick, int best) =>
        tick is not (SimulatedBook.NoBid or SimulatedBook.NoAsk) && Math.Abs(tick - best) <= MaxTicksFromTouch;

    private static int LevelsAvailable(SimulatedBook book, int side)
    {
        if (!book.HasSide(side)) return 0;
        var best = book.Best(side);
        var tick = best;
        var n = 0;
        while (n < 3 && IsNear(book, side, tick, best))
        {
            n++;
            tick = book.NextLevel(side, tick);
        }
        return n;
    }
}
