namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The effective configuration of a run: profile defaults, overridden by the config file, then by
/// environment variables, then by command-line flags. Produced only by <see cref="ConfigLoader"/> so every
/// instance has passed validation; immutable so the pipeline can read it from any thread.
/// </summary>
public sealed record EngineConfig
{
    /// <summary>The profile whose defaults were applied.</summary>
    public EngineProfile Profile { get; init; } = EngineProfile.Dev;

    /// <summary>Ring buffer settings.</summary>
    public RingConfig Ring { get; init; } = new();

    /// <summary>Event source settings.</summary>
    public SourceConfig Source { get; init; } = new();

    /// <summary>Timer tick settings.</summary>
    public TimerConfig Timer { get; init; } = new();

    /// <summary>Journal settings.</summary>
    public JournalConfig Journal { get; init; } = new();

    /// <summary>Status socket settings.</summary>
    public StatusConfig Status { get; init; } = new();

    /// <summary>Logging settings.</summary>
    public LoggingConfig Logging { get; init; } = new();

    /// <summary>Databento credentials.</summary>
    public DatabentoConfig Databento { get; init; } = new();

    /// <summary>The built-in defaults of <paramref name="profile"/>, before any file or override.</summary>
    public static EngineConfig Defaults(EngineProfile profile) => ConfigDefaults.For(profile);
}
