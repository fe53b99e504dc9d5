namespace FlowEngine.Engine.Reporting;

/// <summary>The flow stage's part of the run report: the baseline it scored against and the signals by grade.</summary>
public sealed record FlowReport
{
    /// <summary>The baseline in use.</summary>
    public required BaselineReport Baseline { get; init; }

    /// <summary>Signals emitted (also counted under <c>outputs</c> as <c>signal</c>).</summary>
    public long Signals { get; init; }

    /// <summary>Signals by grade, EXTREME first.</summary>
    public required IReadOnlyDictionary<string, long> SignalsByGrade { get; init; }

    /// <summary>The baseline update at the end of the run (null while the run is still going).</summary>
    public BaselineUpdateReport? BaselineUpdate { get; init; }
}
