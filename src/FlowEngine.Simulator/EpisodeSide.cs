namespace FlowEngine.Simulator;

/// <summary>
/// Direction of an episode's interest, as a detector should report it. Buy means someone wants to buy:
/// for a sweep the aggressor lifts offers (aggressor side Bid); for an iceberg or an accumulation the
/// hidden or passive orders rest on the Bid side. Market-maker noise has no direction (Both or None).
/// </summary>
public enum EpisodeSide : byte
{
    /// <summary>No direction: the call/put pair noise. CSV "none".</summary>
    None = 0,
    /// <summary>Buying interest (MBO side Bid). CSV "buy".</summary>
    Buy = 1,
    /// <summary>Selling interest (MBO side Ask). CSV "sell".</summary>
    Sell = 2,
    /// <summary>Both sides at once: two-sided quoting noise. CSV "both".</summary>
    Both = 3,
}
