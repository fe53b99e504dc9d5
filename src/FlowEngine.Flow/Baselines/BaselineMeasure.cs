namespace FlowEngine.Flow.Baselines;

/// <summary>The per-window quantities the baseline keeps history of (one sample per closed window with activity).</summary>
public enum BaselineMeasure : byte
{
    /// <summary>|buy − sell| aggressor lots: how one-sided the window was.</summary>
    Imbalance = 0,
    /// <summary>Lots absorbed on the more absorbed side (replenished or refilled right after being hit).</summary>
    Absorbed = 1,
    /// <summary>The largest single aggressor event: what a sweep is compared with.</summary>
    MaxAggressor = 2,
    /// <summary>Total aggressor lots: activity, for context.</summary>
    Volume = 3,
}
