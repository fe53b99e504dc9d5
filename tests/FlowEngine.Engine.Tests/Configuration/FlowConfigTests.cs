using System.Reflection;
using FlowEngine.Engine.Configuration;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Tests.Configuration;

/// <summary>The <c>pressure</c>, <c>ifd</c> and <c>baseline</c> sections: library defaults, validation by key path, overrides, hash.</summary>
public sealed class FlowConfigTests
{
    private static EngineConfig Load(params (string Key, string Value)[] overrides) => Load([], overrides);

    private static EngineConfig Load(Dictionary<string, string> env, params (string Key, string Value)[] overrides) =>
        ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = env,
            Overrides = [.. overrides.Select(o => new ConfigOverride { Key = o.Key, Value = o.Value, Origin = "test" })],
        });

    private static ConfigException LoadFile(string json)
    {
        using var dir = new TempDir();
        var file = dir.File("flow.json", json);
        return Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { FilePath = file, Environment = new Dictionary<string, string>() }));
    }

    /// <summary>Every public property equal; lists element by element.</summary>
    private static void AssertSameOptions<T>(T expected, T actual)
    {
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var e = p.GetValue(expected);
            var a = p.GetValue(actual);
            if (e is IEnumerable<long> el && a is IEnumerable<long> al)
                Assert.True(el.SequenceEqual(al), $"{p.Name}: [{string.Join(", ", el)}] vs [{string.Join(", ", al)}]");
            else
                Assert.True(Equals(e, a), $"{p.Name}: {e} vs {a}");
        }
    }

    [Fact]
    public void Defaults_are_the_flow_librarys_defaults()
    {
        var config = Load();
        AssertSameOptions(new PressureOptions(), config.Pressure.ToOptions());
        AssertSameOptions(new IfdOptions(), config.Ifd.ToOptions());
        Assert.True(config.Ifd.Enabled);
        Assert.Equal("", config.Baseline.Snapshot);
        Assert.Equal([1000L, 10_000, 60_000, 300_000], config.Pressure.WindowsMs);
    }

    [Fact]
    public void Settings_reach_the_library_options_in_its_units()
    {
        var config = Load(
            ("pressure.windowsMs", "500,5000"), ("pressure.icebergRefillWindowUs", "2500"), ("pressure.fleetingMs", "50"),
            ("ifd.signalWindowsMs", "5000"), ("ifd.eventBaselineWindowMs", "500"), ("ifd.zBar", "2.5"),
            ("ifd.weights.pressure", "0.5"), ("ifd.weights.coordination", "0"), ("ifd.cooldownMs", "750"), ("ifd.grades.moderate", "0.5"));
        var p = config.Pressure.ToOptions();
        var i = config.Ifd.ToOptions();
        Assert.Equal([500_000_000L, 5_000_000_000], p.WindowLengthsNs);
        Assert.Equal(2_500_000, p.IcebergRefillWindowNs);
        Assert.Equal(50_000_000, p.FleetingNs);
        Assert.Equal([5_000_000_000L], i.SignalWindowsNs);
        Assert.Equal(500_000_000, i.EventBaselineWindowNs);
        Assert.Equal(2.5, i.ZBar);
        Assert.Equal(0.5, i.PressureWeight);
        Assert.Equal(0, i.CoordinationWeight);
        Assert.Equal(750_000_000, i.CooldownNs);
        Assert.Equal(0.5, i.ModerateAt);
        p.Validate();
        i.Validate();
    }

    [Fact]
    public void Environment_overrides_take_decimals_and_lists()
    {
        var config = Load(new Dictionary<string, string>
        {
            ["FLOWENGINE__IFD__ZBAR"] = "2.25",
            ["FLOWENGINE__IFD__MARKETMAKINGCAP"] = "1",
            ["FLOWENGINE__PRESSURE__WINDOWSMS"] = "1000, 10000",
            ["FLOWENGINE__BASELINE__SNAPSHOT"] = "/data/es.baseline",
        });
        Assert.Equal(2.25, config.Ifd.ZBar);
        Assert.Equal(1.0, config.Ifd.MarketMakingCap);
        Assert.Equal([1000L, 10_000], config.Pressure.WindowsMs);
        Assert.Equal("/data/es.baseline", config.Baseline.Snapshot);
    }

    [Fact]
    public void Baseline_updating_defaults_to_on_and_can_be_switched_off()
    {
        Assert.True(Load().Baseline.Update);
        Assert.False(Load(("baseline.update", "false")).Baseline.Update);
        Assert.False(Load(new Dictionary<string, string> { ["FLOWENGINE__BASELINE__UPDATE"] = "false" }).Baseline.Update);
        Assert.Contains("\"update\": false", ConfigJson.ToDisplayJson(Load(("baseline.update", "false"))));
    }

    [Theory]
    [InlineData("pressure.ofiLevels", "0", "pressure.ofiLevels", "must be between 1 and 50, got 0")]
    [InlineData("pressure.largeOrderPercentile", "100", "pressure.largeOrderPercentile", "must be in (50, 100), got 100")]
    [InlineData("pressure.icebergDisplayPercentile", "high", "pressure.icebergDisplayPercentile", "expected a number in [0, 100), got \"high\"")]
    [InlineData("pressure.windowsMs", "1000,1500", "pressure.windowsMs", "each a whole multiple of the first (1000 ms)")]
    [InlineData("pressure.windowsMs", "1000,fast", "pressure.windowsMs[1]", "expected an integer between 1 and 86400000, got \"fast\"")]
    [InlineData("pressure.largeOrderMinSamples", "5000", "pressure.largeOrderMinSamples", "must be at most pressure.largeOrderHistory (2048), got 5000")]
    [InlineData("ifd.signalWindowsMs", "5000", "ifd.signalWindowsMs[0]", "must be one of pressure.windowsMs (1000, 10000, 60000, 300000), got 5000")]
    [InlineData("ifd.eventBaselineWindowMs", "2000", "ifd.eventBaselineWindowMs", "must be one of pressure.windowsMs (1000, 10000, 60000, 300000), got 2000")]
    [InlineData("ifd.weights.pressure", "0.5", "ifd.weights", "must sum to 1 so confidence stays in [0, 1], got 1.1")]
    [InlineData("ifd.weights.baseline", "1.5", "ifd.weights.baseline", "must be between 0 and 1, got 1.5")]
    [InlineData("ifd.grades.high", "0.95", "ifd.grades", "must satisfy moderate ≤ high ≤ veryHigh ≤ extreme, got 0.55, 0.95, 0.8, 0.9")]
    [InlineData("ifd.zCap", "1.5", "ifd.zCap", "must be at least ifd.zBar (2), got 1.5")]
    [InlineData("ifd.imbalanceZFull", "1", "ifd.imbalanceZFull", "must exceed ifd.imbalanceZFloor (2), got 1")]
    [InlineData("ifd.absorptionFull", "0.1", "ifd.absorptionFull", "must be at least ifd.absorptionMin (0.2), got 0.1")]
    [InlineData("ifd.sweepLevelsFull", "2", "ifd.sweepLevelsFull", "must be between 3 and 32, got 2")]
    [InlineData("ifd.cooldownMs", "-1", "ifd.cooldownMs", "must be between 0 and 3600000, got -1")]
    [InlineData("ifd.enabled", "maybe", "ifd.enabled", "expected true or false, got \"maybe\"")]
    [InlineData("baseline.update", "sometimes", "baseline.update", "expected true or false, got \"sometimes\"")]
    public void Bad_values_name_the_key_path_and_the_allowed_range(string key, string value, string path, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Load((key, value)));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
        Assert.Equal("test", problem.Origin);
    }

    [Fact]
    public void A_file_with_unknown_or_mistyped_flow_keys_lists_every_problem()
    {
        var ex = LoadFile("""
            {
              "pressure": { "windowMs": [1000] },
              "ifd": { "weights": { "pressure": 0.4, "liquidity": 0.1 }, "grades": 0.7 },
              "baseline": { "snapshot": 7 }
            }
            """);
        Assert.Equal(4, ex.Problems.Count);
        Assert.Contains("unknown key; pressure accepts: windowsMs, ofiLevels", Assert.Single(ex.Problems, p => p.Path == "pressure.windowMs").Message);
        Assert.Contains("ifd.weights accepts: pressure, baseline, marketMaking, coordination", Assert.Single(ex.Problems, p => p.Path == "ifd.weights.liquidity").Message);
        Assert.Contains("expected an object with keys extreme, veryHigh, high, moderate", Assert.Single(ex.Problems, p => p.Path == "ifd.grades").Message);
        Assert.Contains("expected a string, got 7", Assert.Single(ex.Problems, p => p.Path == "baseline.snapshot").Message);
    }

    [Fact]
    public void Flow_settings_enter_the_config_hash_and_survive_config_show()
    {
        var defaults = Load();
        var changed = Load(("ifd.zBar", "2.5"), ("pressure.windowsMs", "1000,10000"), ("baseline.snapshot", "b.snap"));
        Assert.NotEqual(ConfigHash.Compute(defaults), ConfigHash.Compute(changed));
        Assert.NotEqual(ConfigHash.Compute(defaults), ConfigHash.Compute(Load(("ifd.enabled", "false"))));

        using var dir = new TempDir();
        var file = dir.File("shown.json", ConfigJson.ToDisplayJson(changed));
        var reloaded = ConfigLoader.Load(new ConfigLoadOptions { FilePath = file, Environment = new Dictionary<string, string>() });
        Assert.Equal(ConfigHash.Compute(changed), ConfigHash.Compute(reloaded));
        Assert.Equal(2.5, reloaded.Ifd.ZBar);
        var json = File.ReadAllText(file);
        Assert.Contains("\"weights\": {", json);
        Assert.Contains("\"pressure\": 0.4", json);
    }
}
