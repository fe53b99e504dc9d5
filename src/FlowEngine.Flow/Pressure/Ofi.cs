using FlowEngine.Book;
using FlowEngine.Market.Events;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Order-flow imbalance (Cont, Kukanov, Stoikov 2014) between two consistent book states:
/// e = 1{Pb ≥ Pb'}·qb − 1{Pb ≤ Pb'}·qb' − 1{Pa ≤ Pa'}·qa + 1{Pa ≥ Pa'}·qa' (primes: before). Positive when bids
/// grow or step up, or asks shrink or step up: buying pressure. An empty side counts as price −∞ (bid) or +∞
/// (ask) with size 0, so a side appearing or vanishing is scored like a price move.
/// </summary>
public static class Ofi
{
    /// <summary>The CKS contribution of one level pair (before → after).</summary>
    public static long Contribution(long prevBid, long prevBidSize, long prevAsk, long prevAskSize,
        long bid, long bidSize, long ask, long askSize)
    {
        var e = 0L;
        if (bid >= prevBid) e += bidSize;
        if (bid <= prevBid) e -= prevBidSize;
        if (ask <= prevAsk) e -= askSize;
        if (ask >= prevAsk) e += prevAskSize;
        return e;
    }

    /// <summary>The contribution at the best level between two tops.</summary>
    public static long Best(in TopOfBook before, in TopOfBook after) => Contribution(
        BidPrice(before), before.BidSize, AskPrice(before), before.AskSize,
        BidPrice(after), after.BidSize, AskPrice(after), after.AskSize);

    /// <summary>
    /// Σ over levels m &lt; <paramref name="levels"/> of the contribution of level m (Xu, Gould, Howison's
    /// multi-level OFI). Levels beyond a side's depth count as empty.
    /// </summary>
    public static long Depth(ReadOnlySpan<BookLevel> beforeBids, ReadOnlySpan<BookLevel> beforeAsks,
        ReadOnlySpan<BookLevel> afterBids, ReadOnlySpan<BookLevel> afterAsks, int levels) =>
        BidDepth(beforeBids, afterBids, levels) + AskDepth(beforeAsks, afterAsks, levels);

    /// <summary>
    /// The bid terms of <see cref="Depth"/>: 1{Pb ≥ Pb'}·qb − 1{Pb ≤ Pb'}·qb' per level. The contribution
    /// separates by side, so a change on one side needs only that side's levels.
    /// </summary>
    public static long BidDepth(ReadOnlySpan<BookLevel> before, ReadOnlySpan<BookLevel> after, int levels)
    {
        var sum = 0L;
        for (var m = 0; m < levels; m++)
        {
            GetLevel(before, m, long.MinValue, out var p0, out var q0);
            GetLevel(after, m, long.MinValue, out var p1, out var q1);
            if (p1 >= p0) sum += q1;
            if (p1 <= p0) sum -= q0;
        }
        return sum;
    }

    /// <summary>The ask terms of <see cref="Depth"/>: −1{Pa ≤ Pa'}·qa + 1{Pa ≥ Pa'}·qa' per level.</summary>
    public static long AskDepth(ReadOnlySpan<BookLevel> before, ReadOnlySpan<BookLevel> after, int levels)
    {
        var sum = 0L;
        for (var m = 0; m < levels; m++)
        {
            GetLevel(before, m, long.MaxValue, out var p0, out var q0);
            GetLevel(after, m, long.MaxValue, out var p1, out var q1);
            if (p1 <= p0) sum -= q1;
            if (p1 >= p0) sum += q0;
        }
        return sum;
    }

    private static void GetLevel(ReadOnlySpan<BookLevel> side, int m, long empty, out long price, out long size)
    {
        if (m < side.Length)
        {
            price = side[m].Price;
            size = side[m].Size;
        }
        else
        {
            price = empty;
            size = 0;
        }
    }

    private static long BidPrice(in TopOfBook top) => top.HasBid ? top.BidPrice : long.MinValue;

    private static long AskPrice(in TopOfBook top) => top.HasAsk ? top.AskPrice : long.MaxValue;
}
