using System.Runtime.CompilerServices;
using FlowEngine.Simulator.Randomness;
using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Flow;

/// <summary>
/// The unlabelled background market. Actions arrive as one Poisson process over all instruments (rate
/// Σ λᵢ); each picks instrument i with probability λᵢ/Σλ and then does one of:
/// <list type="bullet">
/// <item>trade (share <see cref="InstrumentProfile.TradeShare"/>): a random-side aggressor of 1 + Geometric(0.45)
/// lots (mean ≈ 2.2, 5 % round 5/10/20) at the touch, never taking the level's last lot and never reaching an
/// episode's order — so background trades move no price and look like neither a sweep nor an iceberg;</item>
/// <item>modify (12 % of the rest): cut a random order's size to a uniform 1..size−1 (keeps priority) or re-price it to a new
/// distance from the touch (loses priority);</item>
/// <item>add or cancel: an add with probability 0.5 + 2·(N − n)/N clamped to [0.2, 0.8], where n is the live and
/// N the target order count, which holds each book near its target depth. New orders rest Geometric(p) ticks
/// behind the touch (p = 0.06 future, 0.10 options: most activity near the touch), with sizes 1 + Geometric(0.35)
/// (mean ≈ 2.9) mixed with 12 % round lots of 5–100. Three cancels in four remove one of the ~64 most
/// recently placed orders (fleeting orders), the rest a uniformly chosen live order; modifies pick the same way.</item>
/// </list>
/// </summary>
internal sealed class BackgroundFlow
{
    /// <summary>Share of non-trade actions that are modifies.</summary>
    public const double ModifyShare = 0.12;

    private const uint ModifyThreshold = (uint)(ModifyShare * 4294967296.0);
    private const long Half = 1L << 31;
    private const long MinAdd = (long)(0.2 * 4294967296.0);
    private const long MaxAdd = (long)(0.8 * 4294967296.0);

    private readonly SimulatedVenue _venue;
    private readonly AliasTable _pick;
    private readonly DiscreteSampler _sizes;
    private readonly DiscreteSampler _tradeSizes;

    /// <summary>Creates the flow for the given instruments.</summary>
    public BackgroundFlow(SimulatedVenue venue, InstrumentProfile[] profiles, DiscreteSampler sizes, DiscreteSampler tradeSizes)
    {
        _venue = venue;
        _sizes = sizes;
        _tradeSizes = tradeSizes;
        var n = profiles.Length;
        var rates = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = profiles[i];
            rates[i] = p.ActionsPerSecond;
            TotalActionsPerSecond += p.ActionsPerSecond;
            var book = venue.Books[i];
            book.TradeThreshold = (uint)(p.TradeShare * 4294967296.0);
            book.TargetOrders = p.TargetOrders;
            book.AddSlope = (long)(2.0 * 4294967296.0 / p.TargetOrders);
            book.Depth = p.Depth;
        }
        _pick = new AliasTable(rates);
    }

    /// <summary>Σ λᵢ: background actions per second of event time over all instruments.</summary>
    public double TotalActionsPerSecond { get; }

    /// <summary>Fills a new book with its target number of orders (no records: the snapshot publishes them).</summary>
    public void Seed(SimulatedBook book)
    {
        var rng = _venue.Rng;
        var depth = book.Depth!;
        for (var i = 0; i < book.TargetOrders; i++)
        {
            var side = i & 1;
            var tick = PlaceTick(book, side, depth.Sample(rng));
            book.Insert(_venue.NewOrderId(), side, tick, _sizes.Sample(rng), 0);
        }
    }

    /// <summary>One background action on an instrument chosen by activity.</summary>
    public void Act()
    {
        var rng = _venue.Rng;
        var b = _pick.Sample(rng);
        var book = _venue.Books[b];
        // One draw decides the action: the low 32 bits against the trade share, the high 32 bits (independent)
        // first against the modify share and then, rescaled, against the add probability.
        var r = rng.NextU64();
        if ((uint)r < book.TradeThreshold)
        {
            if (TryTrade(book, (int)(r >> 63))) return;
            Add(book);
            return;
        }
        var r2 = (uint)(r >> 32);
        if (r2 < ModifyThreshold)
        {
            if (!TryModify(book)) Add(book);
            return;
        }
        var pAdd = Half + (book.TargetOrders - book.LiveCount) * book.AddSlope;
        if (pAdd < MinAdd) pAdd = MinAdd;
        else if (pAdd > MaxAdd) pAdd = MaxAdd;
        // r2 is uniform on [ModifyThreshold, 2^32) here; compare its offset with pAdd scaled to that range.
        var u = (ulong)(r2 - ModifyThreshold);
        if (u < ((ulong)pAdd * (4294967296UL - ModifyThreshold)) >> 32 || !TryCancel(book)) Add(book);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlaceTick(SimulatedBook book, int side, int depth) =>
        book.ClampTick(side == SimulatedBook.Bid ? book.TargetBid - depth : book.TargetAsk + depth);

    private void Add(SimulatedBook book)
    {
        // One draw: bit 63 side, bits 51–62 depth, bits 39–50 size, bits 0–29 the record header.
        var r = _venue.Rng.NextU64();
        var side = (int)(r >> 63);
        var tick = PlaceTick(book, side, book.Depth!.SampleBits(r >> 51));
        _venue.Add(book, side, tick, _sizes.SampleBits(r >> 39), 0, _venue.NewOrderId(), (uint)r);
    }

    private bool TryTrade(SimulatedBook book, int aggressorSide) =>
        _venue.Trade(book, aggressorSide, _tradeSizes.Sample(_venue.Rng), 1, keepLastLot: true, protectOwned: true) > 0;

    /// <summary>
    /// A live-order position to cancel or modify: with probability 3/4 one of the ~64 most recently placed
    /// orders (fleeting orders: in real MBO most orders die young, close to where they were placed), else any
    /// live order uniformly (the long tail of resting orders). Recent orders are also still in cache.
    /// </summary>
    /// Uses bits 0–31 and 62–63 of <paramref name="r"/>; bits 32–61 stay free for the record header.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PickLive(int n, ulong r)
    {
        var i = (r >> 62) != 0 ? n - 1 - (int)(r & 63) : (int)(((r & 0xFFFF_FFFF) * (ulong)n) >> 32);
        return i < 0 ? 0 : i;
    }

    private bool TryCancel(SimulatedBook book)
    {
        var n = book.LiveCount;
        if (n == 0) return false;
        var r = _venue.Rng.NextU64();
        var slot = book.LiveAt(PickLive(n, r));
        if (book.Pool.Orders[slot].Owner != 0) return false;
        _venue.Cancel(book, slot, (uint)(r >> 32));
        return true;
    }

    private bool TryModify(SimulatedBook book)
    {
        if (book.LiveCount == 0) return false;
        var r = _venue.Rng.NextU64();
        var slot = book.LiveAt(PickLive(book.LiveCount, r));
        ref var o = ref book.Pool.Orders[slot];
        if (o.Owner != 0) return false;
        var entropy = (uint)(r >> 32);
        var choice = _venue.Rng.NextU64();
        if (o.Size > 1 && (long)choice < 0)
        {
            _venue.Modify(book, slot, o.Tick, 1 + (int)(((choice & 0xFFFF_FFFF) * (ulong)(o.Size - 1)) >> 32), entropy);
            return true;
        }
        var tick = PlaceTick(book, o.Side, book.Depth!.SampleBits(choice >> 40));
        _venue.Modify(book, slot, tick, o.Size, entropy);
        return true;
    }
}
