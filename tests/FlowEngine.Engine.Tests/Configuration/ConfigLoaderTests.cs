using FlowEngine.Engine.Configuration;
using Serilog.Events;

namespace FlowEngine.Engine.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    private static EngineConfig Load(string? file = null, string? profile = null, Dictionary<string, string>? env = null, params ConfigOverride[] overrides) =>
        ConfigLoader.Load(new ConfigLoadOptions { FilePath = file, Profile = profile, Environment = env ?? NoEnv, Overrides = overrides });

    [Fact]
    public void Defaults_without_file_are_the_dev_profile()
    {
        var c = Load();
        Assert.Equal(EngineProfile.Dev, c.Profile);
        Assert.Equal(65_536, c.Ring.Size);
        Assert.Equal(WaitStrategyKind.SpinThenBlock, c.Ring.WaitStrategy);
        Assert.Equal(ThreadLayout.Fused, c.Ring.ThreadLayout);
        Assert.Equal(SourceKind.Simulator, c.Source.Kind);
        Assert.True(c.Source.Speed.IsMax);
        Assert.Equal(ConfigDefaults.DevSimulatorEvents, c.Source.Simulator.Events);
        Assert.Equal(1000, c.Timer.TickIntervalMs);
        Assert.Equal("journal", c.Journal.Root);
        Assert.Equal(JournalDurability.None, c.Journal.Durability);
        Assert.Equal("127.0.0.1", c.Status.Host);
        Assert.Equal(7771, c.Status.Port);
        Assert.Equal(LogEventLevel.Debug, c.Logging.Level);
        Assert.Null(c.Databento.ApiKey);
    }

    [Fact]
    public void Profiles_differ_where_their_purpose_differs()
    {
        var paper = Load(profile: "paper");
        var live = Load(profile: "LIVE");
        Assert.Equal(EngineProfile.Paper, paper.Profile);
        Assert.Equal(SourceSpeed.RealTime, paper.Source.Speed);
        Assert.Equal(0, paper.Source.Simulator.Events);
        Assert.Equal(JournalDurability.Batch, paper.Journal.Durability);
        Assert.Equal(EngineProfile.Live, live.Profile);
        Assert.True(live.Journal.BatchFsyncMs < paper.Journal.BatchFsyncMs);
        Assert.Equal(LogEventLevel.Information, live.Logging.Level);
    }

    [Fact]
    public void File_overrides_only_the_keys_it_names()
    {
        using var dir = new TempDir();
        var file = dir.File("c.json", """
            // comments and trailing commas are allowed
            {
              "profile": "paper",
              "ring": { "size": 4096, "waitStrategy": "yielding", },
              "source": { "kind": "dbn", "paths": ["a.dbn", "b.dbn"], "speed": "10x" },
              "journal": { "compression": "none" },
            }
            """);
        var c = Load(file);
        Assert.Equal(EngineProfile.Paper, c.Profile);
        Assert.Equal(4096, c.Ring.Size);
        Assert.Equal(WaitStrategyKind.Yielding, c.Ring.WaitStrategy);
        Assert.Equal(ThreadLayout.Fused, c.Ring.ThreadLayout);
        Assert.Equal(SourceKind.Dbn, c.Source.Kind);
        Assert.Equal(["a.dbn", "b.dbn"], c.Source.Paths);
        Assert.Equal(10, c.Source.Speed.Multiplier);
        Assert.Equal(JournalCompression.None, c.Journal.Compression);
        Assert.Equal(JournalDurability.Batch, c.Journal.Durability); // paper default, untouched by the file
    }

    [Fact]
    public void Environment_overrides_the_file_and_flags_override_the_environment()
    {
        using var dir = new TempDir();
        var file = dir.File("c.json", """{ "ring": { "size": 4096 }, "timer": { "tickIntervalMs": 500 } }""");
        var env = new Dictionary<string, string>
        {
            ["FLOWENGINE__RING__SIZE"] = "1024",
            ["FLOWENGINE__Timer__TickIntervalMs"] = "250",
            ["FLOWENGINE__source__simulator__seed"] = "-7",
            ["FLOWENGINE__Status__Enabled"] = "false",
            ["FLOWENGINE__PROFILE"] = "live",
            ["UNRELATED"] = "x",
        };
        var c = Load(file, env: env, overrides: new ConfigOverride { Key = "timer.tickIntervalMs", Value = "100", Origin = "--tick" });
        Assert.Equal(EngineProfile.Live, c.Profile);
        Assert.Equal(1024, c.Ring.Size);
        Assert.Equal(100, c.Timer.TickIntervalMs);
        Assert.Equal(-7, c.Source.Simulator.Seed);
        Assert.False(c.Status.Enabled);
    }

    [Fact]
    public void Profile_precedence_is_flag_then_environment_then_file()
    {
        using var dir = new TempDir();
        var file = dir.File("c.json", """{ "profile": "paper" }""");
        Assert.Equal(EngineProfile.Paper, Load(file).Profile);
        var env = new Dictionary<string, string> { ["FLOWENGINE__PROFILE"] = "live" };
        Assert.Equal(EngineProfile.Live, Load(file, env: env).Profile);
        Assert.Equal(EngineProfile.Dev, Load(file, profile: "dev", env: env).Profile);
    }

    [Fact]
    public void Environment_list_values_are_comma_separated()
    {
        var env = new Dictionary<string, string>
        {
            ["FLOWENGINE__SOURCE__KIND"] = "dbn",
            ["FLOWENGINE__SOURCE__PATHS"] = "/d/one.dbn, /d/two.dbn",
        };
        var c = Load(env: env);
        Assert.Equal(["/d/one.dbn", "/d/two.dbn"], c.Source.Paths);
    }

    [Fact]
    public void Replay_takes_one_run_directory_and_paced_speeds_parse()
    {
        var c = Load(overrides:
        [
            new ConfigOverride { Key = "source.kind", Value = "replay", Origin = "--source" },
            new ConfigOverride { Key = "source.paths", Value = "journal/run-1", Origin = "--source" },
            new ConfigOverride { Key = "source.speed", Value = "0.5x", Origin = "--speed" },
        ]);
        Assert.Equal(SourceKind.Replay, c.Source.Kind);
        Assert.Equal("journal/run-1", Assert.Single(c.Source.Paths));
        Assert.Equal(0.5, c.Source.Speed.Multiplier);
        Assert.Equal("0.5x", c.Source.Speed.ToString());
    }

    [Fact]
    public void Missing_config_file_names_the_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => Load("/nonexistent/flowengine.json"));
        Assert.Contains("/nonexistent/flowengine.json", ex.Message);
    }
}
