namespace FlowEngine.Flow.Scoring;

/// <summary>Why a signal's grade was held down, and notable facts about its evidence.</summary>
[Flags]
public enum SignalFlags : byte
{
    /// <summary>Nothing notable.</summary>
    None = 0,
    /// <summary>Market making was probable: the grade was capped at MODERATE.</summary>
    MarketMakingCapped = 1,
    /// <summary>No baseline yet: the grade was capped at MODERATE.</summary>
    WarmingUpCapped = 2,
    /// <summary>Sweep: it traded through the prior best price.</summary>
    ThroughBest = 4,
    /// <summary>Iceberg: the refill re-used the consumed order's id, or had its exact size.</summary>
    SameOrder = 8,
}
