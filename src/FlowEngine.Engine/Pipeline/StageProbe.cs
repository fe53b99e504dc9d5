using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The metrics one stage records on its own thread: events, publish-to-handled latency, lag at each batch
/// start, and (for the last stage on a thread) the thread's allocation. One timestamp read per event; no
/// allocation, no locks.
/// </summary>
public sealed class StageProbe
{
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;
    private readonly HandlerStats _stats;
    private readonly ThreadAllocationMeter? _meter;

    /// <summary>Creates a probe writing into <paramref name="stats"/>; <paramref name="meter"/> is ticked at each batch end.</summary>
    public StageProbe(HandlerStats stats, ThreadAllocationMeter? meter)
    {
        _stats = stats ?? throw new ArgumentNullException(nameof(stats));
        _meter = meter;
    }

    /// <summary>The stats this probe writes.</summary>
    public HandlerStats Stats => _stats;

    /// <summary>Records one handled event; returns the timestamp it read so the caller can reuse it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Handled(long sequence, long publishedTicks)
    {
        var now = Stopwatch.GetTimestamp();
        _stats.RecordEvent(sequence, (long)((now - publishedTicks) * NanosPerTick));
        return now;
    }

    /// <summary>Samples lag: <paramref name="batchSize"/> events were waiting when the batch started.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BatchStart(long batchSize) => _stats.RecordBatchStart(batchSize);

    /// <summary>End of a batch: updates the thread's allocation meter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BatchEnd() => _meter?.Tick();
}
