using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Status;

namespace FlowEngine.Engine.Dashboard;

/// <summary>
/// Everything one dashboard refresh shows, read from the engine's snapshots by <see cref="DashboardSampler"/>:
/// plain data, so the view is a pure function of it and can be tested with made-up figures.
/// </summary>
public sealed record DashboardFrame
{
    /// <summary>Wall-clock time of the sample: the heartbeat that shows the dashboard is alive.</summary>
    public required DateTimeOffset Clock { get; init; }

    /// <summary>Samples taken so far (1 for the first frame).</summary>
    public long Beat { get; init; }

    /// <summary>The engine's status (state, counters, per-handler lag).</summary>
    public required StatusSnapshot Status { get; init; }

    /// <summary>The engine's report as of now (latency percentiles, ring, anomalies and outputs by kind).</summary>
    public required RunReport Metrics { get; init; }

    /// <summary>Events per second since the previous sample.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Why the run is stopping (e.g. <c>SIGINT</c>), null while it runs.</summary>
    public string? StopReason { get; init; }

    /// <summary>The status socket's address, null when it is off.</summary>
    public string? StatusEndpoint { get; init; }

    /// <summary>The quotes shown, by instrument id.</summary>
    public IReadOnlyList<DashboardQuote> Quotes { get; init; } = [];

    /// <summary>Instruments with a top of book so far (more than <see cref="Quotes"/> when only the busiest are shown).</summary>
    public int Instruments { get; init; }

    /// <summary>Top-of-book changes of instruments the quote board had no room for.</summary>
    public long UntrackedChanges { get; init; }

    /// <summary>The latest outputs, oldest first.</summary>
    public IReadOnlyList<OutputLine> LatestOutputs { get; init; } = [];

    /// <summary>Outputs the dashboard's buffer received.</summary>
    public long OutputsSeen { get; init; }

    /// <summary>Outputs overwritten in the dashboard's buffer before the dashboard read them (never lost from the journal).</summary>
    public long OutputsDropped { get; init; }
}
