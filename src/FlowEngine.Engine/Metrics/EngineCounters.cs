namespace FlowEngine.Engine.Metrics;

/// <summary>
/// Run-wide counters. <see cref="EventsIn"/> and <see cref="TimerTicks"/> are written by the source thread
/// only; anomalies and outputs are <see cref="NamedCounters"/> with one writer per counter.
/// </summary>
public sealed class EngineCounters
{
    private PaddedLong _eventsIn;
    private PaddedLong _timerTicks;

    /// <summary>Market events published into the ring (timer ticks excluded).</summary>
    public long EventsIn => Volatile.Read(ref _eventsIn.Value);

    /// <summary>Timer ticks published into the ring.</summary>
    public long TimerTicks => Volatile.Read(ref _timerTicks.Value);

    /// <summary>Data anomalies by kind (unknown order id, sequence gap, bad timestamp, ...).</summary>
    public NamedCounters Anomalies { get; } = new();

    /// <summary>Outputs by kind (signals, orders, fills, risk actions).</summary>
    public NamedCounters Outputs { get; } = new();

    /// <summary>Counts one published market event. Source thread only.</summary>
    public void IncrementEventsIn() => _eventsIn.Value++;

    /// <summary>Counts <paramref name="count"/> published market events (batch publish). Source thread only.</summary>
    public void AddEventsIn(long count) => _eventsIn.Value += count;

    /// <summary>Counts one published timer tick. Source thread only.</summary>
    public void IncrementTimerTicks() => _timerTicks.Value++;
}
