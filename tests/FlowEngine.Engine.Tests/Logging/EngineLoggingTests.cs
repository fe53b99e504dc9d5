using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Logging;
using Serilog.Events;

namespace FlowEngine.Engine.Tests.Logging;

public sealed class EngineLoggingTests
{
    [Fact]
    public void Logs_go_to_a_rolling_file_in_the_run_directory_at_the_configured_level()
    {
        using var dir = new TempDir();
        var config = new LoggingConfig { Level = LogEventLevel.Information, File = "logs/engine.log", Console = false };
        using (var log = EngineLogging.Create(config, dir.Path))
        {
            log.Debug("hidden {N}", 1);
            log.Information("run {RunId} started", "run-9");
        }
        var file = Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "logs")));
        Assert.Matches(@"engine\d{8}\.log$", file); // Serilog inserts the date when rolling daily
        var text = File.ReadAllText(file);
        Assert.Contains("INF run run-9 started", text); // :lj renders strings without quotes
        Assert.DoesNotContain("hidden", text);
    }

    [Fact]
    public void Relative_file_without_run_directory_or_empty_file_means_no_file()
    {
        Assert.Null(EngineLogging.LogFilePath(new LoggingConfig { File = "x.log" }, null));
        Assert.Null(EngineLogging.LogFilePath(new LoggingConfig { File = " " }, "/tmp/run"));
        Assert.Equal("/var/log/fe.log", EngineLogging.LogFilePath(new LoggingConfig { File = "/var/log/fe.log" }, null));
        Assert.Equal("/tmp/run/flowengine.log", EngineLogging.LogFilePath(new LoggingConfig(), "/tmp/run"));
    }
}
