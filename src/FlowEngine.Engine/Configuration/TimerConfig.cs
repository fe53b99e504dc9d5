namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>timer</c> section: the event-time ticks the source publishes into the ring.</summary>
public sealed record TimerConfig
{
    /// <summary>Largest accepted interval: one hour.</summary>
    public const int MaxTickIntervalMs = 3_600_000;

    /// <summary>
    /// Event-time interval between timer ticks, in milliseconds. Ticks are journaled events, so per-second
    /// logic sees the same ticks in replay as live.
    /// </summary>
    public int TickIntervalMs { get; init; } = 1000;
}
