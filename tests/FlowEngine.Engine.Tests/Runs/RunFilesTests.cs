using FlowEngine.Engine.Runs;

namespace FlowEngine.Engine.Tests.Runs;

public sealed class RunFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private RunManifest Sample() => new()
    {
        RunId = "r1",
        EngineVersion = "0.1.0",
        CreatedUtc = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero),
        Source = "simulator seed 42",
        ReplayOf = "/runs/r0",
        ConfigHash = new string('a', 64),
        JournalConfigHash = "0123456789abcdef",
        ConfigJson = "{\"profile\":\"dev\",\"ring\":{\"size\":1024}}",
    };

    [Fact]
    public void The_manifest_round_trips_with_its_configuration()
    {
        var path = Path.Combine(_dir.Path, "run.json");
        Sample().Write(path);

        var read = RunManifest.Read(path);

        Assert.Equal(Sample() with { ConfigJson = read.ConfigJson }, read);
        Assert.Contains("\"size\": 1024", read.ConfigJson);
        Assert.Contains("\"run_id\": \"r1\"", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("[1,2]", "not a run manifest")]
    [InlineData("{\"format\":1}", "missing \"config\"")]
    [InlineData("{\"format\":9,\"config\":{}}", "manifest format 9 is newer")]
    [InlineData("{\"format\":1,\"config\":{},\"run_id\":5}", "\"run_id\" must be a string")]
    [InlineData("{\"format\":1,\"config\":3}", "\"config\" must be an object")]
    [InlineData("{\"format\":", "malformed JSON")]
    public void A_bad_manifest_is_a_clear_error_naming_the_file(string json, string message)
    {
        var path = Path.Combine(_dir.Path, "run.json");
        File.WriteAllText(path, json);

        var ex = Assert.Throws<InvalidDataException>(() => RunManifest.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void A_missing_manifest_names_the_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => RunManifest.Read(Path.Combine(_dir.Path, "none.json")));
        Assert.Contains("run manifest not found", ex.Message);
    }

    [Fact]
    public void A_run_directory_is_created_once_and_recognised_by_its_input_journal()
    {
        var layout = RunLayout.For(_dir.Path, "run-a");
        layout.Create();
        layout.Create(); // an empty directory may be reused
        File.WriteAllText(Path.Combine(layout.Directory, "x"), "");
        Assert.Contains("already exists and is not empty", Assert.Throws<IOException>(layout.Create).Message);

        Assert.Contains("is not a run directory", Assert.Throws<DirectoryNotFoundException>(() => RunLayout.Existing(layout.Directory)).Message);
        Directory.CreateDirectory(layout.InputsDirectory);
        Assert.Equal("run-a", RunLayout.Existing(layout.Directory).RunId);
        Assert.Contains("run directory not found", Assert.Throws<DirectoryNotFoundException>(() => RunLayout.Existing(Path.Combine(_dir.Path, "nope"))).Message);

        Assert.Equal([layout.InputsDirectory], RunLayout.JournalStreams(layout.Directory));
        Directory.CreateDirectory(layout.OutputsDirectory);
        Assert.Equal([layout.InputsDirectory, layout.OutputsDirectory], RunLayout.JournalStreams(layout.Directory));
        Assert.Equal([layout.InputsDirectory], RunLayout.JournalStreams(layout.InputsDirectory + "/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("run id")]
    public void Bad_run_ids_are_refused(string runId) =>
        Assert.Contains("must be 1-63 characters", Assert.Throws<ArgumentException>(() => RunIds.Validate(runId)).Message);

    [Fact]
    public void New_run_ids_are_valid_and_distinct()
    {
        var a = RunIds.New();
        var b = RunIds.New("replay-");
        Assert.Equal(a, RunIds.Validate(a));
        Assert.StartsWith("replay-", RunIds.Validate(b));
        Assert.NotEqual(a, RunIds.New());
    }
}
