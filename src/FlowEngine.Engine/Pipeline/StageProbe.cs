using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The metrics one stage records on its own thread: events, publish-to-handled latency, lag at each batch
/// start, and (for the last stage on a thread) the thread's allocation. No allocation, no locks.
/// </summary>
/// <remarks>
/// Latency is sampled: one event in <see cref="SampleEvery"/>, chosen by sequence so every stage samples the
/// same events and the choice does not depend on batching (sampling batch ends would favour the freshest event of
/// each batch). A clock read costs ~25 ns here, a third of a stage's budget at 5 M events/s; a 1-in-16 sample
/// still gives 60,000 samples a second at 1 M events/s. Samples taken before the run is warm (JIT tiering, an
/// opening snapshot burst) are dropped when the stage first sees the run warm, so the report's percentiles describe
/// the steady state, like its allocation figure.
/// </remarks>
public sealed class StageProbe
{
    /// <summary>One event in this many (by sequence) has its latency recorded; a power of two.</summary>
    public const int SampleEvery = 16;

    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;
    private readonly HandlerStats _stats;
    private readonly ThreadAllocationMeter? _meter;
    private readonly EngineMetrics? _metrics;
    private bool _warm;

    /// <summary>
    /// Creates a probe writing into <paramref name="stats"/>; <paramref name="meter"/> is ticked at each batch end;
    /// latency samples taken before <paramref name="metrics"/> is warm are discarded (kept when it is null).
    /// </summary>
    public StageProbe(HandlerStats stats, ThreadAllocationMeter? meter, EngineMetrics? metrics = null)
    {
        _stats = stats ?? throw new ArgumentNullException(nameof(stats));
        _meter = meter;
        _metrics = metrics;
        _warm = metrics is null;
    }

    /// <summary>The stats this probe writes.</summary>
    public HandlerStats Stats => _stats;

    /// <summary>
    /// Records one handled event (its latency when it is sampled). At a batch end it always reads the clock and
    /// returns the time, for the caller's flush decisions; otherwise it returns 0 for unsampled events.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Handled(long sequence, long publishedTicks, bool endOfBatch)
    {
        var sampled = (sequence & (SampleEvery - 1)) == 0;
        if (!sampled && !endOfBatch)
        {
            _stats.RecordEvent(sequence);
            return 0;
        }
        var now = Stopwatch.GetTimestamp();
        if (sampled)
        {
            if (!_warm)
                CheckWarm();
            _stats.RecordEvent(sequence, (long)((now - publishedTicks) * NanosPerTick));
        }
        else
        {
            _stats.RecordEvent(sequence);
        }
        return now;
    }

    /// <summary>The first sample after warm-up clears the histogram (this thread is its only writer).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckWarm()
    {
        if (!_metrics!.IsWarm)
            return;
        _stats.Latency.Reset();
        _warm = true;
    }

    /// <summary>Samples lag: <paramref name="batchSize"/> events were waiting when the batch started.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BatchStart(long batchSize) => _stats.RecordBatchStart(batchSize);

    /// <summary>End of a batch: updates the thread's allocation meter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BatchEnd() => _meter?.Tick();
}
