namespace FlowEngine.Flow.Scoring;

/// <summary>Confidence band of a signal, ordered so that "HIGH or better" is a comparison.</summary>
public enum SignalGrade : byte
{
    /// <summary>Below the reporting bar (never emitted).</summary>
    None = 0,
    /// <summary>Worth watching.</summary>
    Moderate = 1,
    /// <summary>Actionable.</summary>
    High = 2,
    /// <summary>Strong.</summary>
    VeryHigh = 3,
    /// <summary>Everything points the same way.</summary>
    Extreme = 4,
}
