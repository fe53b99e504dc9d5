namespace FlowEngine.Engine.Reporting;

/// <summary>One handler's line in the report.</summary>
public sealed record HandlerReport
{
    /// <summary>Handler name.</summary>
    public required string Name { get; init; }

    /// <summary>Events handled.</summary>
    public long Events { get; init; }

    /// <summary>Sequence of the last event handled (-1 before the first).</summary>
    public long LastSequence { get; init; }

    /// <summary>Events waiting at the latest batch start.</summary>
    public long LagLast { get; init; }

    /// <summary>Most events ever waiting at a batch start.</summary>
    public long LagMax { get; init; }

    /// <summary>Publish-to-handled latency.</summary>
    public required LatencyReport LatencyNs { get; init; }
}
