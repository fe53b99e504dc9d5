namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The configuration is invalid. Lists every problem found, not just the first, so one edit fixes them
/// all. Derives from <see cref="FormatException"/> (<see cref="InvalidDataException"/> is sealed) so the CLI
/// prints it as a one-line-per-problem user error rather than a stack trace.
/// </summary>
public sealed class ConfigException : FormatException
{
    /// <summary>Creates the exception for <paramref name="problems"/> found while loading <paramref name="file"/> under <paramref name="profile"/> (null when not yet known).</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems, string? file, string? profile)
        : base(Describe(problems, file, profile))
    {
        Problems = problems;
        File = file;
    }

    /// <summary>Every problem found, in key order of discovery.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The config file, or null when only defaults and overrides were used.</summary>
    public string? File { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems, string? file, string? profile)
    {
        var where = (file, profile) switch
        {
            (null, null) => "defaults",
            (null, _) => $"profile {profile}",
            (_, null) => file,
            _ => $"{file}, profile {profile}",
        };
        var header = problems.Count == 1
            ? $"invalid configuration ({where}): 1 problem"
            : $"invalid configuration ({where}): {problems.Count} problems";
        return header + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}
