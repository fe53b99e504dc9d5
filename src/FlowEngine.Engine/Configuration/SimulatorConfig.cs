namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>source.simulator</c> section: what the built-in simulator generates.</summary>
public sealed record SimulatorConfig
{
    /// <summary>Largest accepted event limit.</summary>
    public const long MaxEvents = 1_000_000_000_000;

    /// <summary>Largest accepted duration: one week of event time.</summary>
    public const long MaxDurationSeconds = 7 * 86_400;

    /// <summary>Seed of the generator; the same seed and settings give the same events, so runs are reproducible.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Stop after this many events; 0 means no limit.</summary>
    public long Events { get; init; }

    /// <summary>Stop after this much event time, in seconds; 0 means no limit.</summary>
    public long DurationSeconds { get; init; }
}
