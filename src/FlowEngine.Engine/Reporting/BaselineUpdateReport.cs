namespace FlowEngine.Engine.Reporting;

/// <summary>
/// What happened to the baseline when the run ended: whether its session was folded in, where the updated
/// snapshot went, and, when the configured snapshot was left alone, why. So a user knows which file the next run
/// should start from.
/// </summary>
public sealed record BaselineUpdateReport
{
    /// <summary>Words for <see cref="Outcome"/>: the session was folded in and the configured snapshot replaced.</summary>
    public const string Updated = "updated";

    /// <summary>Words for <see cref="Outcome"/>: the session was folded in; only the run directory's copy was written.</summary>
    public const string RunDirectoryOnly = "run directory only";

    /// <summary>Words for <see cref="Outcome"/>: nothing was folded in or written (the run failed).</summary>
    public const string NotUpdated = "not updated";

    /// <summary><see cref="Updated"/>, <see cref="RunDirectoryOnly"/> or <see cref="NotUpdated"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Sessions in the baseline when the run started.</summary>
    public long SessionsBefore { get; init; }

    /// <summary>Sessions after the run's session was folded in (equal to <see cref="SessionsBefore"/> when not updated).</summary>
    public long SessionsAfter { get; init; }

    /// <summary>Series whose history gained this session.</summary>
    public int SeriesUpdated { get; init; }

    /// <summary>Closed windows (with trades) the run recorded.</summary>
    public long WindowsRecorded { get; init; }

    /// <summary>The updated snapshot in the run directory (<c>baseline.updated.snapshot</c>), or null when none was written.</summary>
    public string? RunSnapshot { get; init; }

    /// <summary>The configured <c>baseline.snapshot</c> replaced with the updated baseline, or null when it was left as is.</summary>
    public string? ReplacedSnapshot { get; init; }

    /// <summary>Why the configured snapshot was not replaced (or nothing was written); null when it was replaced.</summary>
    public string? Reason { get; init; }

    /// <summary>One line for people.</summary>
    public string Describe() => Outcome switch
    {
        Updated => $"baseline updated: {SessionsBefore} -> {SessionsAfter} sessions, {SeriesUpdated} series, {WindowsRecorded} windows recorded -> {ReplacedSnapshot}",
        RunDirectoryOnly => $"baseline {RunDirectoryOnly}: {SessionsBefore} -> {SessionsAfter} sessions, {SeriesUpdated} series, {WindowsRecorded} windows recorded -> {RunSnapshot} ({Reason})",
        _ => $"baseline {NotUpdated}: {Reason}",
    };
}
