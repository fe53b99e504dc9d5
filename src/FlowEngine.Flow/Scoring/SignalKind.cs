namespace FlowEngine.Flow.Scoring;

/// <summary>What evidence produced a signal.</summary>
public enum SignalKind : byte
{
    /// <summary>An aggressor swept two or more levels (scored at once).</summary>
    Sweep = 1,
    /// <summary>An iceberg refilled a just-consumed level (scored at once).</summary>
    Iceberg = 2,
    /// <summary>A closed window where one side kept absorbing the other's aggression (direction = the passive side).</summary>
    Absorption = 3,
    /// <summary>A closed window of one-sided aggressor flow (direction = the aggressor side).</summary>
    Aggressive = 4,
}
