using Serilog.Events;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The spelling of every enumerated configuration value, in one table per enum, so parsing, printing,
/// error messages and the README all agree.
/// </summary>
public static class ConfigNames
{
    /// <summary>Profile names.</summary>
    public static IReadOnlyList<(string Name, EngineProfile Value)> Profiles { get; } =
        [("dev", EngineProfile.Dev), ("paper", EngineProfile.Paper), ("live", EngineProfile.Live)];

    /// <summary>Wait strategy names.</summary>
    public static IReadOnlyList<(string Name, WaitStrategyKind Value)> WaitStrategies { get; } =
    [
        ("busy-spin", WaitStrategyKind.BusySpin), ("yielding", WaitStrategyKind.Yielding),
        ("sleeping", WaitStrategyKind.Sleeping), ("blocking", WaitStrategyKind.Blocking),
        ("spin-then-block", WaitStrategyKind.SpinThenBlock),
    ];

    /// <summary>Thread layout names.</summary>
    public static IReadOnlyList<(string Name, ThreadLayout Value)> ThreadLayouts { get; } =
        [("fused", ThreadLayout.Fused), ("per-handler", ThreadLayout.PerHandler), ("single", ThreadLayout.Single)];

    /// <summary>Source kind names.</summary>
    public static IReadOnlyList<(string Name, SourceKind Value)> SourceKinds { get; } =
        [("simulator", SourceKind.Simulator), ("dbn", SourceKind.Dbn), ("replay", SourceKind.Replay)];

    /// <summary>Journal compression names.</summary>
    public static IReadOnlyList<(string Name, JournalCompression Value)> Compressions { get; } =
        [("lz4", JournalCompression.Lz4), ("none", JournalCompression.None)];

    /// <summary>Journal durability names.</summary>
    public static IReadOnlyList<(string Name, JournalDurability Value)> Durabilities { get; } =
        [("none", JournalDurability.None), ("batch", JournalDurability.Batch), ("always", JournalDurability.Always)];

    /// <summary>Log level names (Serilog's levels, lower case).</summary>
    public static IReadOnlyList<(string Name, LogEventLevel Value)> LogLevels { get; } =
    [
        ("verbose", LogEventLevel.Verbose), ("debug", LogEventLevel.Debug), ("information", LogEventLevel.Information),
        ("warning", LogEventLevel.Warning), ("error", LogEventLevel.Error), ("fatal", LogEventLevel.Fatal),
    ];

    /// <summary>The configuration spelling of <paramref name="value"/> in <paramref name="table"/>.</summary>
    public static string NameOf<T>(IReadOnlyList<(string Name, T Value)> table, T value) where T : struct, Enum
    {
        foreach (var (name, v) in table)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
                return name;
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, "no configuration name for this value");
    }

    /// <summary>Looks <paramref name="name"/> up case-insensitively.</summary>
    public static bool TryParse<T>(IReadOnlyList<(string Name, T Value)> table, string? name, out T value) where T : struct, Enum
    {
        foreach (var (n, v) in table)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>All names of <paramref name="table"/> joined with <c>|</c>, for error messages.</summary>
    public static string Choices<T>(IReadOnlyList<(string Name, T Value)> table)
    {
        var names = new string[table.Count];
        for (var i = 0; i < names.Length; i++)
            names[i] = table[i].Name;
        return string.Join('|', names);
    }
}
