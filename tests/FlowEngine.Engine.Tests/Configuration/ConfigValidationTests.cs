using FlowEngine.Engine.Configuration;

namespace FlowEngine.Engine.Tests.Configuration;

public sealed class ConfigValidationTests
{
    private static ConfigException LoadFails(string json, Dictionary<string, string>? env = null)
    {
        using var dir = new TempDir();
        var file = dir.File("bad.json", json);
        return Assert.Throws<ConfigException>(() =>
            ConfigLoader.Load(new ConfigLoadOptions { FilePath = file, Environment = env ?? [] }));
    }

    private static ConfigProblem Problem(ConfigException ex, string path) =>
        Assert.Single(ex.Problems, p => p.Path == path);

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        var ex = LoadFails("""
            {
              "ring": { "size": 1000, "waitStrategy": "spin", "threadz": 2 },
              "timer": { "tickIntervalMs": "fast" },
              "journal": { "enabled": "yes", "segmentBytes": 10 },
              "status": { "port": 70000 }
            }
            """);
        Assert.Equal(7, ex.Problems.Count);
        Assert.Contains("power of two between 16 and 16777216", Problem(ex, "ring.size").Message);
        Assert.Contains("busy-spin|yielding|sleeping|blocking|spin-then-block", Problem(ex, "ring.waitStrategy").Message);
        Assert.Contains("unknown key", Problem(ex, "ring.threadz").Message);
        Assert.Contains("size, waitStrategy, threadLayout", Problem(ex, "ring.threadz").Message);
        Assert.Contains("expected an integer between 1 and 3600000, got \"fast\"", Problem(ex, "timer.tickIntervalMs").Message);
        Assert.Contains("expected true or false, got \"yes\"", Problem(ex, "journal.enabled").Message);
        Assert.Contains("between 1048576 and 17179869184, got 10", Problem(ex, "journal.segmentBytes").Message);
        Assert.Contains("between 0 and 65535, got 70000", Problem(ex, "status.port").Message);
        // The message the CLI prints carries every problem, one per line.
        Assert.Contains("7 problems", ex.Message);
        Assert.Contains("ring.size:", ex.Message);
        Assert.Contains("status.port:", ex.Message);
    }

    [Fact]
    public void Unknown_sections_and_case_mistakes_are_named_with_a_hint()
    {
        var ex = LoadFails("""{ "rings": {}, "ring": { "Size": 16 } }""");
        Assert.Contains("the top level accepts: profile, ring, source", Problem(ex, "rings").Message);
        Assert.Contains("did you mean \"size\"", Problem(ex, "ring.Size").Message);
    }

    [Fact]
    public void A_value_where_a_section_belongs_is_a_type_error()
    {
        var ex = LoadFails("""{ "ring": 65536 }""");
        Assert.Contains("expected an object with keys size, waitStrategy, threadLayout, pinThreads; got 65536", Problem(ex, "ring").Message);
    }

    [Fact]
    public void Wrong_types_name_the_expected_type_and_the_value()
    {
        var ex = LoadFails("""{ "ring": { "size": 64.5 }, "source": { "paths": "a.dbn", "speed": 10 }, "status": { "host": null } }""");
        Assert.Contains("expected an integer", Problem(ex, "ring.size").Message);
        Assert.Contains("expected an array of strings, got \"a.dbn\"", Problem(ex, "source.paths").Message);
        Assert.Contains("\"max\" or a multiple of event time \"Nx\"", Problem(ex, "source.speed").Message);
        Assert.Contains("got 10", Problem(ex, "source.speed").Message);
        Assert.Contains("expected a string, got null", Problem(ex, "status.host").Message);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0x")]
    [InlineData("-2x")]
    [InlineData("200000x")]
    [InlineData("x")]
    public void Bad_speeds_are_refused(string speed)
    {
        var ex = LoadFails($$"""{ "source": { "speed": "{{speed}}" } }""");
        Assert.Contains($"got \"{speed}\"", Problem(ex, "source.speed").Message);
    }

    [Fact]
    public void Source_paths_must_fit_the_source_kind()
    {
        Assert.Contains("needs at least one DBN file", Problem(LoadFails("""{ "source": { "kind": "dbn" } }"""), "source.paths").Message);
        Assert.Contains("exactly one run directory, got 2", Problem(LoadFails("""{ "source": { "kind": "replay", "paths": ["a", "b"] } }"""), "source.paths").Message);
        Assert.Contains("must be empty for kind simulator", Problem(LoadFails("""{ "source": { "paths": ["a"] } }"""), "source.paths").Message);
        Assert.Contains("expected a non-empty string, got 3", Problem(LoadFails("""{ "source": { "kind": "dbn", "paths": ["a", 3] } }"""), "source.paths[1]").Message);
    }

    [Fact]
    public void Status_host_must_be_loopback_unless_remote_is_allowed()
    {
        var ex = LoadFails("""{ "status": { "host": "0.0.0.0" } }""");
        Assert.Contains("not a loopback address", Problem(ex, "status.host").Message);
        Assert.Contains("status.allowRemote", Problem(ex, "status.host").Message);

        using var dir = new TempDir();
        var ok = dir.File("ok.json", """{ "status": { "host": "0.0.0.0", "allowRemote": true } }""");
        Assert.Equal("0.0.0.0", ConfigLoader.Load(new ConfigLoadOptions { FilePath = ok, Environment = new Dictionary<string, string>() }).Status.Host);

        Assert.Contains("must be an IP address or \"localhost\"", Problem(LoadFails("""{ "status": { "host": "example.com" } }"""), "status.host").Message);
    }

    [Fact]
    public void Malformed_json_reports_line_and_byte()
    {
        var ex = LoadFails("{\n  \"ring\": { \"size\": 16 \n  \"timer\": {}\n}");
        var p = Assert.Single(ex.Problems);
        Assert.Contains("line 3", p.Message);
        Assert.Contains("malformed JSON", p.Message);
        Assert.Contains("bad.json", ex.Message);
    }

    [Fact]
    public void Duplicate_keys_are_refused_rather_than_last_one_wins()
    {
        var ex = LoadFails("""{ "ring": { "size": 16, "size": 32 } }""");
        Assert.Contains("malformed JSON", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Top_level_must_be_an_object()
    {
        var ex = LoadFails("[1, 2]");
        Assert.Contains("the top level must be a JSON object { ... }, got an array", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Bad_profile_is_named_with_its_origin()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string> { ["FLOWENGINE__PROFILE"] = "prod" },
        }));
        var p = Problem(ex, "profile");
        Assert.Equal("env FLOWENGINE__PROFILE", p.Origin);
        Assert.Contains("must be one of dev|paper|live; got \"prod\"", p.Message);
        Assert.StartsWith("invalid configuration (defaults): 1 problem", ex.Message);
    }

    [Fact]
    public void Environment_problems_name_the_variable()
    {
        var env = new Dictionary<string, string>
        {
            ["FLOWENGINE__RING__SIZE"] = "lots",
            ["FLOWENGINE__RING__SISE"] = "16",
            ["FLOWENGINE__RING"] = "16",
            ["FLOWENGINE__RING__SIZE__X"] = "16",
        };
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { Environment = env }));
        Assert.Equal(4, ex.Problems.Count);
        var size = Assert.Single(ex.Problems, p => p.Origin == "env FLOWENGINE__RING__SIZE");
        Assert.Equal("ring.size", size.Path);
        Assert.Contains("got \"lots\"", size.Message);
        Assert.Contains("(from env FLOWENGINE__RING__SIZE)", ex.Message);
        Assert.Contains("unknown key", Problem(ex, "ring.sise").Message);
        Assert.Contains("is a section", Problem(ex, "ring").Message);
        Assert.Contains("not a section", Assert.Single(ex.Problems, p => p.Origin == "env FLOWENGINE__RING__SIZE__X").Message);
    }

    [Fact]
    public void Flag_overrides_are_validated_and_named()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            Overrides = [new ConfigOverride { Key = "source.speed", Value = "warp", Origin = "--speed" }],
        }));
        var p = Problem(ex, "source.speed");
        Assert.Equal("--speed", p.Origin);
        Assert.Contains("source.speed (from --speed):", ex.Message);
    }

    [Fact]
    public void Config_exception_is_a_user_error_type()
    {
        // The CLI prints FormatException messages as "error: ..." without a stack trace.
        Assert.IsAssignableFrom<FormatException>(LoadFails("""{ "ring": { "size": 3 } }"""));
    }
}
