using FlowEngine.Engine.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace FlowEngine.Engine.Logging;

/// <summary>
/// Builds the engine's Serilog logger from the <c>logging</c> section: console (standard error, so standard
/// output stays the report) and a rolling file under the run directory, both behind the async sink so a
/// slow disk or terminal delays only the logging thread. Cold side only: nothing on the hot path logs.
/// </summary>
public static class EngineLogging
{
    /// <summary>Largest log file before it rolls over.</summary>
    public const long FileSizeLimitBytes = 64L << 20;

    /// <summary>Rolled files kept per run.</summary>
    public const int RetainedFiles = 10;

    /// <summary>Events buffered per sink before further events are dropped (never blocking the caller).</summary>
    public const int AsyncBufferSize = 10_000;

    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The logger for a run. <paramref name="runDirectory"/> anchors a relative <see cref="LoggingConfig.File"/>;
    /// when it is null only an absolute file path is used. Dispose the logger at the end of the run to flush it.
    /// </summary>
    public static Logger Create(LoggingConfig config, string? runDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lc = new LoggerConfiguration().MinimumLevel.Is(config.Level);
        if (config.Console)
        {
            lc = lc.WriteTo.Async(
                a => a.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture),
                bufferSize: AsyncBufferSize, blockWhenFull: false);
        }
        if (LogFilePath(config, runDirectory) is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            lc = lc.WriteTo.Async(
                a => a.File(path, outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true,
                    fileSizeLimitBytes: FileSizeLimitBytes, retainedFileCountLimit: RetainedFiles, shared: false),
                bufferSize: AsyncBufferSize, blockWhenFull: false);
        }
        return lc.CreateLogger();
    }

    /// <summary>
    /// The base path of the log file (Serilog inserts the date before the extension when rolling), or null
    /// when file logging is off or a relative path has no run directory to live in.
    /// </summary>
    public static string? LogFilePath(LoggingConfig config, string? runDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.File.Trim().Length == 0)
            return null;
        if (Path.IsPathRooted(config.File))
            return config.File;
        return runDirectory is null ? null : Path.GetFullPath(Path.Combine(runDirectory, config.File));
    }
}
