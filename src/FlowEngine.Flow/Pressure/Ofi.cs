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
        ReadOnlySpan<BookLevel> afterBids, ReadOnlySpan<BookLevel> afterAsks, int levels)
    {
        var sum = 0L;
        for (var m = 0; m < levels; m++)
        {
            GetLevel(beforeBids, m, long.MinValue, out var pb0, out var qb0);
            GetLevel(beforeAsks, m, long.MaxValue, out var pa0, out var qa0);
            GetLevel(afterBids, m, long.MinValue, out var pb1, out var qb1);
            GetLevel(afterAsks, m, long.MaxValue, out var pa1, out var qa1);
            sum += Contribution(pb0, qb0, pa0, qa0, pb1, qb1, pa1, qa1);
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
