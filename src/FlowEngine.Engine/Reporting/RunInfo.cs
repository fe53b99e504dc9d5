namespace FlowEngine.Engine.Reporting;

/// <summary>What identifies a run in its report and status lines; fixed at start.</summary>
public sealed record RunInfo
{
    /// <summary>The run's id (its directory name under the journal root).</summary>
    public required string RunId { get; init; }

    /// <summary>The run directory, or null when the run writes none.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Profile name (<c>dev</c>, <c>paper</c>, <c>live</c>).</summary>
    public required string Profile { get; init; }

    /// <summary><see cref="Configuration.ConfigHash"/> of the effective configuration.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>Human description of the source, e.g. <c>simulator seed 42</c> or <c>dbn: 3 files</c>.</summary>
    public required string Source { get; init; }
}
