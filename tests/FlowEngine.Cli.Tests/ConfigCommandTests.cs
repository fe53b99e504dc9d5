using System.CommandLine;
using System.Text.Json;
using FlowEngine.Cli.Commands;
using FlowEngine.Engine.Configuration;

namespace FlowEngine.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_tmp.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var root = new RootCommand { ConfigCommand.Create() };
        var output = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }

    [Fact]
    public void Show_prints_the_effective_configuration_with_the_key_redacted()
    {
        var key = Write("key", "db-TOPSECRETKEY");
        if (!OperatingSystem.IsWindows()) // Windows has no mode bits; the loader checks them only elsewhere
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Write("c.json", $$"""{ "ring": { "size": 2048 }, "databento": { "apiKeyFile": "{{key}}" } }""");

        var (code, output) = Run("config", "show", "--config", config, "--profile", "live");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("TOPSECRET", output);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("live", doc.RootElement.GetProperty("profile").GetString());
        Assert.Equal(2048, doc.RootElement.GetProperty("ring").GetProperty("size").GetInt32());
        Assert.Equal("***", doc.RootElement.GetProperty("databento").GetProperty("apiKey").GetString());
    }

    [Fact]
    public void Validate_prints_the_hash_of_the_effective_configuration()
    {
        var config = Write("c.json", """{ "timer": { "tickIntervalMs": 250 } }""");
        var (code, output) = Run("config", "validate", "--config", config);
        Assert.Equal(ExitCodes.Ok, code);
        var expected = ConfigLoader.Load(new ConfigLoadOptions { FilePath = config });
        Assert.Contains($"configuration OK: profile dev, hash {ConfigHash.Compute(expected)}", output);
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem()
    {
        var config = Write("bad.json", """{ "ring": { "size": 100 }, "journal": { "durability": "sometimes" } }""");
        var ex = Assert.Throws<ConfigException>(() => Run("config", "validate", "--config", config));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("ring.size: must be a power of two", ex.Message);
        Assert.Contains("journal.durability: must be one of none|batch|always; got \"sometimes\"", ex.Message);
    }

    [Fact]
    public void Invalid_configuration_exits_with_the_user_error_code()
    {
        var config = Write("bad.json", """{ "ring": { "size": 100 } }""");
        Assert.Equal(ExitCodes.UserError, Program.Main(["config", "show", "--config", config]));
        Assert.Equal(ExitCodes.UserError, Program.Main(["config", "show", "--profile", "production"]));
    }
}
