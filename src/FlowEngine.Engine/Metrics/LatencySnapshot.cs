namespace FlowEngine.Engine.Metrics;

/// <summary>
/// A copy of a <see cref="LatencyHistogram"/> taken by <see cref="LatencyHistogram.CopyTo"/>, owned by the
/// reading thread. Reuse one instance per poller so periodic snapshots do not allocate.
/// </summary>
public sealed class LatencySnapshot
{
    internal long[] Counts { get; } = new long[LatencyHistogram.BucketCount];

    /// <summary>Samples in the copied buckets; percentiles are computed over exactly these.</summary>
    public long TotalCount { get; private set; }

    /// <summary>Sum of the samples counted by <see cref="SumCount"/>, for the mean.</summary>
    public long Sum { get; private set; }

    /// <summary>Samples included in <see cref="Sum"/> (may differ slightly from <see cref="TotalCount"/> while recording).</summary>
    public long SumCount { get; private set; }

    /// <summary>Smallest sample, 0 when empty.</summary>
    public long Min { get; private set; }

    /// <summary>Largest sample, 0 when empty.</summary>
    public long Max { get; private set; }

    /// <summary>Arithmetic mean in nanoseconds, 0 when empty.</summary>
    public double Mean => SumCount == 0 ? 0 : (double)Sum / SumCount;

    internal void Set(long total, long sum, long sumCount, long min, long max)
    {
        TotalCount = total;
        Sum = sum;
        SumCount = sumCount;
        Min = min;
        Max = max;
    }

    /// <summary>Value at <paramref name="percentile"/> (0..100), nearest-rank, never below the true value.</summary>
    public long ValueAtPercentile(double percentile) =>
        LatencyHistogram.ValueAtPercentile(Counts, TotalCount, percentile, Min, Max);

    /// <summary>The standard percentiles of this snapshot.</summary>
    public LatencySummary Summarize() => new()
    {
        Count = TotalCount,
        Min = Min,
        Mean = Mean,
        P50 = ValueAtPercentile(50),
        P90 = ValueAtPercentile(90),
        P99 = ValueAtPercentile(99),
        P999 = ValueAtPercentile(99.9),
        Max = Max,
    };
}
