namespace FlowEngine.Engine.Reporting;

/// <summary>
/// Which history IFD scores against, fixed at start: shown in the run report and on the status socket so a user
/// sees at once when signals are capped because there is no history yet (<c>baseline: warming up</c>).
/// </summary>
public sealed record BaselineReport
{
    /// <summary>Words for <see cref="Status"/>.</summary>
    public const string WarmingUp = "warming up";

    /// <summary>Words for <see cref="Status"/>.</summary>
    public const string Ready = "ready";

    /// <summary><see cref="WarmingUp"/> (no snapshot, or no series with enough history) or <see cref="Ready"/>.</summary>
    public required string Status { get; init; }

    /// <summary>The snapshot file loaded, or null when none was configured.</summary>
    public string? Snapshot { get; init; }

    /// <summary>Series in the snapshot (instrument × window × measure × time-of-day bucket).</summary>
    public int Series { get; init; }

    /// <summary>Series with enough sessions and samples to score against.</summary>
    public int ReadySeries { get; init; }

    /// <summary>Sessions folded into the snapshot.</summary>
    public long Sessions { get; init; }

    /// <summary>One line for people, e.g. <c>baseline: warming up (no baseline.snapshot configured; grades capped at MODERATE)</c>.</summary>
    public string Describe() => Snapshot is null
        ? $"baseline: {Status} (no baseline.snapshot configured; grades capped at MODERATE)"
        : ReadySeries == 0
            ? $"baseline: {Status} ({Snapshot}: {Series} series, {Sessions} sessions, none with enough history yet; grades capped at MODERATE)"
            : $"baseline: {Status} ({Snapshot}: {ReadySeries} of {Series} series ready, {Sessions} sessions)";
}
