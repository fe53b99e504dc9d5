using FlowEngine.Engine.Configuration;

namespace FlowEngine.Engine.Tests.Configuration;

public sealed class ConfigSecretTests
{
    private const string Key = "db-SECRETSECRETSECRET1234567890";

    [Fact]
    public void Key_comes_from_the_flowengine_variable_first()
    {
        var c = ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string> { ["FLOWENGINE_DATABENTO_API_KEY"] = Key, ["DATABENTO_API_KEY"] = "other" },
        });
        Assert.Equal(Key, c.Databento.ApiKey!.Reveal());
        Assert.Equal("env FLOWENGINE_DATABENTO_API_KEY", c.Databento.ApiKeySource);
    }

    [Fact]
    public void Key_falls_back_to_the_databento_variable()
    {
        var c = ConfigLoader.Load(new ConfigLoadOptions { Environment = new Dictionary<string, string> { ["DATABENTO_API_KEY"] = Key } });
        Assert.Equal(Key, c.Databento.ApiKey!.Reveal());
        Assert.Equal("env DATABENTO_API_KEY", c.Databento.ApiKeySource);
    }

    [Fact]
    public void Key_file_readable_only_by_its_owner_is_accepted()
    {
        using var dir = new TempDir();
        var keyFile = dir.File("key", Key + "\n");
        if (!OperatingSystem.IsWindows()) // Windows has no mode bits; the loader checks them only elsewhere
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var c = ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            Overrides = [new ConfigOverride { Key = "databento.apiKeyFile", Value = keyFile, Origin = "test" }],
        });
        Assert.Equal(Key, c.Databento.ApiKey!.Reveal());
        Assert.Equal("file " + keyFile, c.Databento.ApiKeySource);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // mode bits, and the loader's check of them, are Unix-only
    public void Key_file_readable_by_others_is_an_error_that_does_not_print_the_key()
    {
        using var dir = new TempDir();
        var keyFile = dir.File("key", Key);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var config = dir.File("c.json", $$"""{ "databento": { "apiKeyFile": "{{keyFile}}" } }""");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { FilePath = config, Environment = new Dictionary<string, string>() }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("databento.apiKeyFile", p.Path);
        Assert.Contains("has permissions 0644", p.Message);
        Assert.Contains("chmod 600", p.Message);
        Assert.DoesNotContain(Key, ex.Message);
    }

    [Fact]
    public void Missing_key_file_is_an_error()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            Overrides = [new ConfigOverride { Key = "databento.apiKeyFile", Value = "/nonexistent/key", Origin = "test" }],
        }));
        Assert.Contains("/nonexistent/key does not exist", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void A_key_written_into_the_config_file_is_refused_without_echoing_it()
    {
        using var dir = new TempDir();
        var config = dir.File("c.json", $$"""{ "databento": { "apiKey": "{{Key}}" } }""");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { FilePath = config, Environment = new Dictionary<string, string>() }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("databento.apiKey", p.Path);
        Assert.Contains("must not be written in configuration", p.Message);
        Assert.DoesNotContain(Key, ex.Message);
    }

    [Fact]
    public void Display_json_and_tostring_redact_the_key_and_hash_ignores_it()
    {
        var withKey = ConfigLoader.Load(new ConfigLoadOptions { Environment = new Dictionary<string, string> { ["DATABENTO_API_KEY"] = Key } });
        var withoutKey = ConfigLoader.Load(new ConfigLoadOptions { Environment = new Dictionary<string, string>() });

        var json = ConfigJson.ToDisplayJson(withKey);
        Assert.DoesNotContain(Key, json);
        Assert.Contains("\"apiKey\": \"***\"", json);
        Assert.Contains("\"apiKey\": null", ConfigJson.ToDisplayJson(withoutKey));
        Assert.DoesNotContain(Key, withKey.ToString());
        Assert.DoesNotContain(Key, System.Text.Encoding.UTF8.GetString(ConfigJson.ToCanonicalJson(withKey)));
        Assert.Equal(ConfigHash.Compute(withoutKey), ConfigHash.Compute(withKey));
    }
}
