namespace FlowEngine.Engine.Metrics;

/// <summary>The percentiles a report shows for one latency distribution, all in nanoseconds.</summary>
public readonly record struct LatencySummary
{
    /// <summary>Number of samples.</summary>
    public long Count { get; init; }

    /// <summary>Smallest sample.</summary>
    public long Min { get; init; }

    /// <summary>Mean.</summary>
    public double Mean { get; init; }

    /// <summary>Median.</summary>
    public long P50 { get; init; }

    /// <summary>90th percentile.</summary>
    public long P90 { get; init; }

    /// <summary>99th percentile.</summary>
    public long P99 { get; init; }

    /// <summary>99.9th percentile.</summary>
    public long P999 { get; init; }

    /// <summary>Largest sample.</summary>
    public long Max { get; init; }
}
