namespace FlowEngine.Flow.Evaluation;

/// <summary>Direction of a ground-truth episode, as a detector should report it.</summary>
public enum EpisodeDirection : byte
{
    /// <summary>No direction (noise).</summary>
    None = 0,
    /// <summary>Buying interest.</summary>
    Buy = 1,
    /// <summary>Selling interest.</summary>
    Sell = 2,
    /// <summary>Both sides at once (two-sided market making).</summary>
    Both = 3,
}
