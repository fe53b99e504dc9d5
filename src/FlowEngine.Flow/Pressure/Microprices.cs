using FlowEngine.Market.Events;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Microprice and queue imbalance from a top of book. The microprice leans towards the side with less size
/// (the side more likely to be taken out next), a better short-horizon fair value than the mid.
/// </summary>
public static class Microprices
{
    /// <summary>(bid·askSize + ask·bidSize)/(bidSize + askSize) in 1e-9 units; the mid when both sizes are 0; NaN without a two-sided quote.</summary>
    public static double Of(long bid, long bidSize, long ask, long askSize)
    {
        if (bid == MboEvent.UndefinedPrice || ask == MboEvent.UndefinedPrice)
            return double.NaN;
        var total = bidSize + askSize;
        if (total <= 0)
            return ((double)bid + ask) / 2;
        return ((double)bid * askSize + (double)ask * bidSize) / total;
    }

    /// <summary>(qb − qa)/(qb + qa) in [−1, 1]; 0 when both are 0.</summary>
    public static double QueueImbalance(long bidSize, long askSize) =>
        bidSize + askSize <= 0 ? 0 : (double)(bidSize - askSize) / (bidSize + askSize);
}
