namespace FlowEngine.Engine.Metrics;

/// <summary>
/// What one handler did: events handled, latency from publish to handled, and lag (events waiting when a
/// batch started). Written only by the handler's thread, read by anyone.
/// </summary>
public sealed class HandlerStats
{
    private PaddedLong _events;
    private long _lastSequence = -1;

    /// <summary>Creates the stats of handler <paramref name="name"/>.</summary>
    public HandlerStats(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The handler's name as shown in reports (e.g. <c>journal</c>, <c>book</c>).</summary>
    public string Name { get; }

    /// <summary>Latency from publish to handled, in nanoseconds.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Events available but not yet handled, sampled at each batch start.</summary>
    public Gauge Lag { get; } = new();

    /// <summary>Events handled so far.</summary>
    public long EventsHandled => Volatile.Read(ref _events.Value);

    /// <summary>Sequence of the last event handled, -1 before the first.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Records one handled event and its publish-to-handled latency. Hot path, handler thread only.</summary>
    public void RecordEvent(long sequence, long latencyNanoseconds)
    {
        _events.Value++;
        _lastSequence = sequence;
        Latency.Record(latencyNanoseconds);
    }

    /// <summary>Records one handled event whose latency is not measured (e.g. sampled latency). Hot path, handler thread only.</summary>
    public void RecordEvent(long sequence)
    {
        _events.Value++;
        _lastSequence = sequence;
    }

    /// <summary>Samples lag at the start of a batch: <paramref name="batchSize"/> events were waiting. Handler thread only.</summary>
    public void RecordBatchStart(long batchSize) => Lag.Sample(batchSize);
}
