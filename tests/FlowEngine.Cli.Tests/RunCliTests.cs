using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

/// <summary><c>flowengine run</c> as a user runs it: a real child process, its exit code, its output and its files.</summary>
public sealed class RunCliTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDir _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args) => RunProcess.Run(Dir, Timeout, args);

    [Fact]
    public void A_simulator_run_prints_the_report_and_writes_the_run_directory()
    {
        var reportPath = Path.Combine(Dir, "out", "r.json");
        var (code, stdout, stderr) = Run("run", "--events", "40000", "--seed", "3", "--no-status", "--run-id", "cli-sim", "--report", reportPath);

        Assert.True(code == 0, stderr);
        Assert.Contains("FlowEngine run cli-sim  (stopped, profile dev, source simulator seed 3)", stdout);
        Assert.Contains("events in    40,000", stdout);
        Assert.Contains("outputs      ", stdout);
        Assert.Contains("top-of-book", stdout);
        Assert.Contains("ifd          baseline: warming up (no baseline.snapshot configured; grades capped at MODERATE)", stdout);
        Assert.Contains("               signals ", stdout);
        var runDir = Path.Combine(Dir, "journal", "cli-sim");
        Assert.Contains($"run directory: {runDir}", stdout);
        Assert.Contains("run cli-sim: simulator seed 3 → ", stderr);
        foreach (var name in (string[])["run.json", "report.json", "instruments.dbn", "labels.csv", "inputs", "outputs"])
            Assert.True(File.Exists(Path.Combine(runDir, name)) || Directory.Exists(Path.Combine(runDir, name)), name + " is missing");

        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.Equal(40_000, report.RootElement.GetProperty("events_in").GetInt64());
        Assert.True(report.RootElement.GetProperty("events_per_second").GetDouble() > 0);
        Assert.True(report.RootElement.TryGetProperty("allocated_bytes_per_event", out _));
        Assert.Equal("warming up", report.RootElement.GetProperty("flow").GetProperty("baseline").GetProperty("status").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(runDir, "report.json")), File.ReadAllText(reportPath));
    }

    [Fact]
    public void Quiet_prints_nothing_but_still_writes_the_report()
    {
        var (code, stdout, stderr) = Run("run", "--events", "5000", "--no-status", "--run-id", "q", "--quiet");

        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout.Trim());
        Assert.Equal("", stderr.Trim());
        Assert.True(File.Exists(Path.Combine(Dir, "journal", "q", "report.json")));
    }

    [Theory]
    [InlineData(new[] { "--source", "kafka:topic" }, "error: --source: unknown source 'kafka'; expected simulator or dbn:PATH[,PATH...]")]
    [InlineData(new[] { "--source", "dbn:" }, "error: --source dbn: needs at least one file")]
    [InlineData(new[] { "--source", "dbn:missing.dbn" }, "error: file not found: missing.dbn")]
    [InlineData(new[] { "--speed", "fast" }, "source.speed (from --speed): must be \"max\" or a multiple of event time \"Nx\"")]
    [InlineData(new[] { "--thread-layout", "triple" }, "ring.threadLayout (from --thread-layout)")]
    [InlineData(new[] { "--durability", "sometimes" }, "journal.durability (from --durability)")]
    [InlineData(new[] { "--run-id", "a/b" }, "error: run id 'a/b' must be 1-63 characters")]
    public void Bad_flags_are_one_error_line_and_exit_code_2(string[] flags, string message)
    {
        var (code, stdout, stderr) = Run(["run", "--no-status", .. flags]);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.DoesNotContain("FlowEngine run", stdout);
    }

    [Fact]
    public void Simulator_flags_with_a_dbn_source_are_refused()
    {
        var file = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn");
        var (code, _, stderr) = Run("run", "--no-status", "--source", "dbn:" + file, "--events", "10");

        Assert.Equal(2, code);
        Assert.Contains("error: --events and --seed apply to the simulator source only", stderr);
    }

    [Fact]
    public void An_existing_run_directory_is_never_written_over()
    {
        var taken = Path.Combine(Dir, "journal", "taken");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "precious.txt"), "keep");

        var (code, _, stderr) = Run("run", "--no-status", "--events", "100", "--run-id", "taken");

        Assert.Equal(2, code);
        Assert.Contains($"error: run directory {taken} already exists and is not empty", stderr);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(taken, "precious.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(taken));
    }

    [Fact]
    public void A_status_port_in_use_is_a_clear_error_and_leaves_no_run_directory()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, stderr) = Run("run", "--events", "100", "--status-port", port, "--run-id", "busy");

        Assert.Equal(2, code);
        Assert.Contains($"error: status socket: 127.0.0.1:{port} is already in use", stderr);
        Assert.False(Directory.Exists(Path.Combine(Dir, "journal", "busy")));
    }

    [Fact]
    public void A_config_file_and_flags_combine_and_flags_win()
    {
        var config = Path.Combine(Dir, "engine.json");
        File.WriteAllText(config, """{ "source": { "simulator": { "events": 1000, "seed": 9 } }, "ring": { "size": 4096 } }""");

        var (code, stdout, stderr) = Run("run", "--config", config, "--events", "2000", "--no-status", "--run-id", "cfg");

        Assert.True(code == 0, stderr);
        Assert.Contains("events in    2,000", stdout);
        Assert.Contains("source simulator seed 9", stdout);
        Assert.Contains("ring         4,096 slots", stdout);
    }
}
