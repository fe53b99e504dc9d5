using Serilog.Events;

namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>logging</c> section: cold-side structured logs (never written from the hot path).</summary>
public sealed record LoggingConfig
{
    /// <summary>Minimum level written.</summary>
    public LogEventLevel Level { get; init; } = LogEventLevel.Information;

    /// <summary>
    /// Log file name, relative to the run directory (an absolute path is used as is); rolled daily and by
    /// size. Empty disables the file.
    /// </summary>
    public string File { get; init; } = "flowengine.log";

    /// <summary>Whether logs also go to the console (standard error, so standard output stays the report).</summary>
    public bool Console { get; init; } = true;
}
