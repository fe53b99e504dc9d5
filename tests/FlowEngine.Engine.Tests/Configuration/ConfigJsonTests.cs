using FlowEngine.Engine.Configuration;

namespace FlowEngine.Engine.Tests.Configuration;

public sealed class ConfigJsonTests
{
    [Fact]
    public void Display_json_loads_back_to_the_same_configuration()
    {
        var original = ConfigLoader.Load(new ConfigLoadOptions
        {
            Profile = "paper",
            Environment = new Dictionary<string, string> { ["DATABENTO_API_KEY"] = "db-x" },
            Overrides =
            [
                new ConfigOverride { Key = "source.kind", Value = "dbn", Origin = "t" },
                new ConfigOverride { Key = "source.paths", Value = "a.dbn,b.dbn", Origin = "t" },
                new ConfigOverride { Key = "ring.size", Value = "1024", Origin = "t" },
                new ConfigOverride { Key = "source.speed", Value = "2.5x", Origin = "t" },
            ],
        });
        using var dir = new TempDir();
        var file = dir.File("shown.json", ConfigJson.ToDisplayJson(original));
        var reloaded = ConfigLoader.Load(new ConfigLoadOptions { FilePath = file, Environment = new Dictionary<string, string>() });
        Assert.Equal(ConfigJson.ToCanonicalJson(original), ConfigJson.ToCanonicalJson(reloaded));
        Assert.Equal(ConfigHash.Compute(original), ConfigHash.Compute(reloaded));
    }

    [Fact]
    public void Hash_is_stable_and_changes_with_any_setting()
    {
        var a = EngineConfig.Defaults(EngineProfile.Dev);
        var b = EngineConfig.Defaults(EngineProfile.Dev);
        Assert.Equal(ConfigHash.Compute(a), ConfigHash.Compute(b));
        Assert.Matches("^[0-9a-f]{64}$", ConfigHash.Compute(a));
        Assert.Equal(32, ConfigHash.ComputeBytes(a).Length);
        var c = a with { Timer = new TimerConfig { TickIntervalMs = 999 } };
        Assert.NotEqual(ConfigHash.Compute(a), ConfigHash.Compute(c));
        Assert.NotEqual(ConfigHash.Compute(a), ConfigHash.Compute(EngineConfig.Defaults(EngineProfile.Live)));
    }

    [Fact]
    public void Canonical_json_has_fixed_key_order_and_no_whitespace()
    {
        var json = System.Text.Encoding.UTF8.GetString(ConfigJson.ToCanonicalJson(EngineConfig.Defaults(EngineProfile.Dev)));
        Assert.StartsWith("{\"profile\":\"dev\",\"ring\":{\"size\":65536,\"waitStrategy\":\"spin-then-block\",\"threadLayout\":\"fused\",\"pinThreads\":false},\"source\":", json);
        Assert.DoesNotContain(" ", json);
        Assert.DoesNotContain("apiKey\"", json);
    }
}
