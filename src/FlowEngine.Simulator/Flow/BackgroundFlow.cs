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
/// (mean ≈ 2.9) mixed with 12 % round lots of 5–100. Half the cancels remove one of the ~64 most recently
/// placed orders (fleeting orders), half a uniformly chosen live order.</item>
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
    private readonly InstrumentProfile[] _profiles;
    private readonly AliasTable _pick;
    private readonly uint[] _tradeThreshold;
    private readonly long[] _addSlope;
    private readonly int[] _targetOrders;
    private readonly DiscreteSampler _sizes;
    private readonly DiscreteSampler _tradeSizes;

    /// <summary>Creates the flow for the given instruments.</summary>
    public BackgroundFlow(SimulatedVenue venue, InstrumentProfile[] profiles, DiscreteSampler sizes, DiscreteSampler tradeSizes)
    {
        _venue = venue;
        _profiles = profiles;
        _sizes = sizes;
        _tradeSizes = tradeSizes;
        var n = profiles.Length;
        var rates = new double[n];
        _tradeThreshold = new uint[n];
        _addSlope = new long[n];
        _targetOrders = new int[n];
        for (var i = 0; i < n; i++)
        {
            var p = profiles[i];
            rates[i] = p.ActionsPerSecond;
            TotalActionsPerSecond += p.ActionsPerSecond;
            _tradeThreshold[i] = (uint)(p.TradeShare * 4294967296.0);
            _targetOrders[i] = p.TargetOrders;
            _addSlope[i] = (long)(2.0 * 4294967296.0 / p.TargetOrders);
        }
        _pick = new AliasTable(rates);
    }

    /// <summary>Σ λᵢ: background actions per second of event time over all instruments.</summary>
    public double TotalActionsPerSecond { get; }

    /// <summary>The order-size distribution of new orders.</summary>
    public DiscreteSampler Sizes => _sizes;

    /// <summary>The aggressor-size distribution of background trades.</summary>
    public DiscreteSampler TradeSizes => _tradeSizes;

    /// <summary>Fills a new book with its target number of orders (no records: the snapshot publishes them).</summary>
    public void Seed(SimulatedBook book)
    {
        var rng = _venue.Rng;
        var depth = _profiles[book.Index].Depth;
        for (var i = 0; i < _targetOrders[book.Index]; i++)
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
        var r = rng.NextU64();
        if ((uint)r < _tradeThreshold[b])
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
        var pAdd = Half + (_targetOrders[b] - book.LiveCount) * _addSlope[b];
        if (pAdd < MinAdd) pAdd = MinAdd;
        else if (pAdd > MaxAdd) pAdd = MaxAdd;
        if (rng.NextU32() < pAdd || !TryCancel(book)) Add(book);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlaceTick(SimulatedBook book, int side, int depth) =>
        book.ClampTick(side == SimulatedBook.Bid ? book.TargetBid - depth : book.TargetAsk + depth);

    private void Add(SimulatedBook book)
    {
        var rng = _venue.Rng;
        var side = rng.NextBool() ? SimulatedBook.Ask : SimulatedBook.Bid;
        var tick = PlaceTick(book, side, _profiles[book.Index].Depth.Sample(rng));
        _venue.Add(book, side, tick, _sizes.Sample(rng), 0, _venue.NewOrderId());
    }

    private bool TryTrade(SimulatedBook book, int aggressorSide) =>
        _venue.Trade(book, aggressorSide, _tradeSizes.Sample(_venue.Rng), 1, keepLastLot: true, protectOwned: true) > 0;

    private bool TryCancel(SimulatedBook book)
    {
        var n = book.LiveCount;
        if (n == 0) return false;
        var r = _venue.Rng.NextU64();
        // Half the cancels take one of the ~64 most recently placed orders (fleeting orders, as in real MBO
        // where most orders die young), half any live order uniformly (the long tail of resting orders).
        var i = (long)r < 0 ? n - 1 - (int)(r & 63) : (int)(((r & 0xFFFF_FFFF) * (ulong)n) >> 32);
        if (i < 0) i = 0;
        var slot = book.LiveAt(i);
        if (book.Pool.Orders[slot].Owner != 0) return false;
        _venue.Cancel(book, slot);
        return true;
    }

    private bool TryModify(SimulatedBook book)
    {
        if (book.LiveCount == 0) return false;
        var rng = _venue.Rng;
        var slot = book.LiveAt(rng.NextBelow(book.LiveCount));
        ref var o = ref book.Pool.Orders[slot];
        if (o.Owner != 0) return false;
        if (o.Size > 1 && rng.NextBool())
        {
            _venue.Modify(book, slot, o.Tick, 1 + rng.NextBelow(o.Size - 1));
            return true;
        }
        var tick = PlaceTick(book, o.Side, _profiles[book.Index].Depth.Sample(rng));
        _venue.Modify(book, slot, tick, o.Size);
        return true;
    }
}
