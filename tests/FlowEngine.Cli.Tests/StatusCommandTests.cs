using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using FlowEngine.Cli.Commands;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Status;

namespace FlowEngine.Cli.Tests;

/// <summary><c>flowengine status</c> and <c>flowengine stop</c> against a real status server on loopback.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly EngineMetrics _metrics = new(1024, warmupEvents: 0);
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TempDir _tmp = new();
    private StatusServer _server = null!;

    public Task InitializeAsync()
    {
        _metrics.AddHandler("book").RecordEvent(41, 900);
        _metrics.MarkStarted();
        _metrics.Counters.AddEventsIn(42_000);
        var info = new RunInfo { RunId = "run-cli", Profile = "dev", ConfigHash = "h", Source = "simulator seed 3" };
        _server = new StatusServer(
            new StatusServerOptions { Port = 0, SubscribeInterval = TimeSpan.FromMilliseconds(100) },
            new MetricsStatusProvider(_metrics, info, reason => _stopped.TrySetResult(reason)));
        _server.Start();
        _server.WriteTokenFile(_tmp.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tmp.Dispose();
    }

    private static RootCommand Root() => new() { StatusCommand.Create(), StopCommand.Create() };

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await Root().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter(), EnableDefaultExceptionHandler = false })
            .WaitAsync(TimeSpan.FromSeconds(20));
        return (code, output.ToString());
    }

    private string Port => _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Status_prints_a_readable_summary()
    {
        var (code, output) = await Run("status", "--port", Port);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("engine     running   run run-cli   profile dev   source simulator seed 3", output);
        Assert.Contains("events     42,000 in", output);
        Assert.Contains("handlers   book 1 (lag 0)", output);
    }

    [Fact]
    public async Task Status_metrics_prints_the_run_report_table()
    {
        var (code, output) = await Run("status", "--port", Port, "--metrics");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("FlowEngine run run-cli  (running, profile dev, source simulator seed 3)", output);
        Assert.Contains("events in    42,000", output);
        Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("book", StringComparison.Ordinal) && l.Contains("900"));
        var conflict = await Assert.ThrowsAsync<ArgumentException>(() => Run("status", "--port", Port, "--metrics", "--subscribe"));
        Assert.Equal("--metrics and --subscribe cannot be combined", conflict.Message);
    }

    [Fact]
    public async Task Status_json_prints_the_engine_line()
    {
        var (_, output) = await Run("status", "--port", Port, "--json");
        var reply = StatusProtocol.ParseReply(output.Trim());
        Assert.Equal(42_000, reply.Status!.EventsIn);
    }

    [Fact]
    public async Task Status_subscribe_prints_a_line_per_update_until_cancelled()
    {
        var output = new StringWriter();
        var synced = TextWriter.Synchronized(output);
        using var cts = new CancellationTokenSource();
        var run = Root().Parse(["status", "--port", Port, "--subscribe"])
            .InvokeAsync(new InvocationConfiguration { Output = synced, Error = new StringWriter(), EnableDefaultExceptionHandler = false }, cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30); // bounds a hang only: three lines are due in ~0.3 s
        while (CountLines(synced, output) < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        cts.Cancel();
        Assert.Equal(ExitCodes.Ok, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, output.ToString());
        Assert.All(lines, l => Assert.Contains("running   events 42,000", l));
    }

    // TextWriter.Synchronized locks on the wrapper, so holding that lock makes reading the buffer safe.
    private static int CountLines(TextWriter synced, StringWriter buffer)
    {
        lock (synced)
            return buffer.ToString().Count(c => c == '\n');
    }

    [Fact]
    public async Task Status_with_nothing_listening_says_so()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var ex = await Assert.ThrowsAsync<IOException>(() => Run("status", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal($"no engine is listening on 127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task Stop_with_the_run_directory_stops_the_engine()
    {
        var (code, output) = await Run("stop", "--port", Port, "--run", _tmp.Path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"stop requested: the engine on 127.0.0.1:{Port} is shutting down", output);
        Assert.Equal("stop requested on the status socket", await _stopped.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Stop_with_a_wrong_token_is_refused_by_the_engine()
    {
        var wrong = Path.Combine(_tmp.Path, "wrong.token");
        await File.WriteAllTextAsync(wrong, new string('f', 64));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Run("stop", "--port", Port, "--token-file", wrong));
        Assert.Equal("the engine refused: invalid token; stop refused", ex.Message);
        Assert.False(_stopped.Task.IsCompleted);
    }

    [Fact]
    public async Task Stop_needs_exactly_one_token_source()
    {
        var none = await Assert.ThrowsAsync<ArgumentException>(() => Run("stop", "--port", Port));
        Assert.Equal("stop needs the engine's token: pass --run <run directory> or --token-file <file>", none.Message);
        var both = await Assert.ThrowsAsync<ArgumentException>(() => Run("stop", "--run", _tmp.Path, "--token-file", "x"));
        Assert.Equal("pass either --run or --token-file, not both", both.Message);
        var missing = Path.Combine(_tmp.Path, "nope");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => Run("stop", "--run", missing));
        Assert.Contains(Path.Combine(missing, "status.token"), notFound.Message);
    }
}
