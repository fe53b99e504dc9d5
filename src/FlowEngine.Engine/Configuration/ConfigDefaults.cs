using Serilog.Events;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// Built-in defaults per profile. Only the differences between profiles are spelled out here; everything
/// else is the property initialisers of the section records.
/// </summary>
internal static class ConfigDefaults
{
    /// <summary>Events the dev profile's simulator publishes before stopping: a few seconds flat out.</summary>
    public const long DevSimulatorEvents = 5_000_000;

    public static EngineConfig For(EngineProfile profile) => profile switch
    {
        EngineProfile.Dev => new EngineConfig
        {
            Profile = profile,
            Source = new SourceConfig { Speed = SourceSpeed.Max, Simulator = new SimulatorConfig { Events = DevSimulatorEvents } },
            Journal = new JournalConfig { Durability = JournalDurability.None },
            Logging = new LoggingConfig { Level = LogEventLevel.Debug },
        },
        EngineProfile.Paper => new EngineConfig
        {
            Profile = profile,
            Source = new SourceConfig { Speed = SourceSpeed.RealTime },
            Journal = new JournalConfig { Durability = JournalDurability.Batch, BatchFsyncMs = 100 },
        },
        EngineProfile.Live => new EngineConfig
        {
            Profile = profile,
            Source = new SourceConfig { Speed = SourceSpeed.RealTime },
            Journal = new JournalConfig { Durability = JournalDurability.Batch, BatchFsyncMs = 10 },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown profile"),
    };
}
