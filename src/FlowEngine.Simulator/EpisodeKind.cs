namespace FlowEngine.Simulator;

/// <summary>
/// The kinds of labelled episode the simulator injects on top of its background flow. The first three are
/// institutional flow the IFD should find; the last two are market-maker noise it should not flag.
/// </summary>
public enum EpisodeKind : byte
{
    /// <summary>Large aggressive orders each trading through two or more price levels in one event. CSV "sweep".</summary>
    Sweep = 1,
    /// <summary>A resting order whose displayed size is consumed and re-appears at the same price (same order id). CSV "iceberg".</summary>
    Iceberg = 2,
    /// <summary>Tens of seconds of small passive fills on one side while that side's price holds. CSV "accumulation".</summary>
    Accumulation = 3,
    /// <summary>Market-maker noise: large two-sided quotes refreshed in a burst, balanced trades. CSV "mm_two_sided".</summary>
    MarketMakerTwoSided = 4,
    /// <summary>Market-maker noise: the call and the put of one strike quoted and traded together. CSV "mm_call_put".</summary>
    MarketMakerCallPut = 5,
}
