using System.Text.Json.Serialization;
using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Reporting;

/// <summary>A latency distribution in a report, in nanoseconds.</summary>
public sealed record LatencyReport
{
    /// <summary>Samples.</summary>
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

    /// <summary>99.9th percentile (JSON <c>p99_9</c>).</summary>
    [JsonPropertyName("p99_9")]
    public long P999 { get; init; }

    /// <summary>Largest sample.</summary>
    public long Max { get; init; }

    /// <summary>Converts a <see cref="LatencySummary"/>.</summary>
    public static LatencyReport From(LatencySummary s) => new()
    {
        Count = s.Count,
        Min = s.Min,
        Mean = Math.Round(s.Mean, 1),
        P50 = s.P50,
        P90 = s.P90,
        P99 = s.P99,
        P999 = s.P999,
        Max = s.Max,
    };
}
