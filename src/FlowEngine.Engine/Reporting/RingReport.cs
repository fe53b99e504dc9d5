namespace FlowEngine.Engine.Reporting;

/// <summary>Ring occupancy in a report: how close the consumers came to stalling the producer.</summary>
public sealed record RingReport
{
    /// <summary>Slots in the ring.</summary>
    public int Size { get; init; }

    /// <summary>Occupancy at the latest sample.</summary>
    public long OccupancyLast { get; init; }

    /// <summary>Highest occupancy sampled.</summary>
    public long OccupancyMax { get; init; }

    /// <summary>Mean occupancy over the samples.</summary>
    public double OccupancyMean { get; init; }

    /// <summary>Samples taken.</summary>
    public long Samples { get; init; }
}
