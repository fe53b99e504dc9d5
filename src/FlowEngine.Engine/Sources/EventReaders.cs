using FlowEngine.Engine.Configuration;
using FlowEngine.Simulator;

namespace FlowEngine.Engine.Sources;

/// <summary>Creates the reader the <c>source</c> section asks for; bad input (a missing file) fails here, before a run starts.</summary>
public static class EventReaders
{
    /// <summary>Event-time length of an "unlimited" simulated session (<c>durationSeconds: 0</c>): the longest the config accepts.</summary>
    public static readonly TimeSpan UnlimitedSimulatorDuration = TimeSpan.FromSeconds(SimulatorConfig.MaxDurationSeconds);

    /// <summary>The reader for <paramref name="source"/>.</summary>
    public static IEventReader Create(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            SourceKind.Simulator => new SimulatorReader(SimulatorOptionsFor(source.Simulator)),
            SourceKind.Dbn => new DbnFilesReader(source.Paths),
            SourceKind.Replay => new JournalInputReader(source.Paths.Count == 1
                ? source.Paths[0]
                : throw new ArgumentException($"a replay source needs exactly one run directory, got {source.Paths.Count}")),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source.Kind, "unknown source kind"),
        };
    }

    /// <summary>The simulator options for the <c>source.simulator</c> section (0 means unlimited for events and duration).</summary>
    public static SimulatorOptions SimulatorOptionsFor(SimulatorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SimulatorOptions
        {
            Seed = unchecked((ulong)config.Seed),
            MaxEvents = config.Events > 0 ? config.Events : long.MaxValue,
            Duration = config.DurationSeconds > 0 ? TimeSpan.FromSeconds(config.DurationSeconds) : UnlimitedSimulatorDuration,
        };
    }
}
