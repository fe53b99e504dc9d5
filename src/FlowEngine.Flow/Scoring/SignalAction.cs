namespace FlowEngine.Flow.Scoring;

/// <summary>The recommended reaction to a signal: grade and direction combined.</summary>
public enum SignalAction : byte
{
    /// <summary>Do nothing.</summary>
    Ignore = 0,
    /// <summary>Watch (MODERATE, either direction).</summary>
    Monitor = 1,
    /// <summary>HIGH, buying interest.</summary>
    Buy = 2,
    /// <summary>VERY_HIGH or EXTREME, buying interest.</summary>
    StrongBuy = 3,
    /// <summary>HIGH, selling interest.</summary>
    Sell = 4,
    /// <summary>VERY_HIGH or EXTREME, selling interest.</summary>
    StrongSell = 5,
}
