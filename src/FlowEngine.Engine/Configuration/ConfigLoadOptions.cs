namespace FlowEngine.Engine.Configuration;

/// <summary>Inputs to <see cref="ConfigLoader.Load"/>.</summary>
public sealed record ConfigLoadOptions
{
    /// <summary>The JSON config file (<c>--config</c>), or null for built-in defaults only.</summary>
    public string? FilePath { get; init; }

    /// <summary>
    /// JSON configuration text used instead of reading <see cref="FilePath"/> (which then only names it in
    /// messages): e.g. the configuration recorded in a run's <c>run.json</c>, which <c>replay</c> reuses.
    /// </summary>
    public string? FileContent { get; init; }

    /// <summary>The profile named on the command line (<c>--profile</c>); wins over the environment and the file.</summary>
    public string? Profile { get; init; }

    /// <summary>Environment variables to read; null reads the process environment. Tests pass their own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Command-line overrides, applied last.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];
}
