using System.Net;
using System.Net.Sockets;
using System.Text;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Status;

namespace FlowEngine.Engine.Tests.Status;

/// <summary>Every test talks to a real server on 127.0.0.1 with an OS-chosen port.</summary>
public sealed class StatusServerTests : IAsyncLifetime
{
    /// <summary>Bounds a hang only: generous, because CI runs eight test assemblies at once on two cores.</summary>
    private static readonly TimeSpan T = TimeSpan.FromSeconds(30);
    private readonly EngineMetrics _metrics = new(1024, warmupEvents: 0);
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StatusServer _server = null!;

    private StatusServer Start(StatusServerOptions? options = null)
    {
        var info = new RunInfo { RunId = "run-7", Profile = "dev", ConfigHash = "h", Source = "simulator seed 1" };
        var provider = new MetricsStatusProvider(_metrics, info, reason => _stopped.TrySetResult(reason));
        var server = new StatusServer((options ?? new StatusServerOptions()) with { Host = "127.0.0.1", Port = 0 }, provider);
        server.Start();
        return server;
    }

    public Task InitializeAsync()
    {
        _metrics.AddHandler("journal").RecordEvent(0, 500);
        _metrics.MarkStarted();
        _metrics.Counters.AddEventsIn(12_345);
        _server = Start(new StatusServerOptions { SubscribeInterval = TimeSpan.FromMilliseconds(100) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<StatusClient> Connect() => StatusClient.ConnectAsync("127.0.0.1", _server.Port, T);

    [Fact]
    public async Task Status_reply_carries_the_engine_state()
    {
        using var client = await Connect();
        var reply = await client.RequestAsync(StatusProtocol.Request("status"), T);
        Assert.Null(reply.Error);
        Assert.Equal("status", reply.Type);
        Assert.Equal("running", reply.Status!.State);
        Assert.Equal("run-7", reply.Status.RunId);
        Assert.Equal(12_345, reply.Status.EventsIn);
        Assert.Equal("journal", Assert.Single(reply.Status.Handlers).Name);
        Assert.Contains("\"events_in\":12345", reply.Raw);
    }

    [Fact]
    public async Task Metrics_reply_is_the_run_report()
    {
        using var client = await Connect();
        var reply = await client.RequestAsync(StatusProtocol.Request("metrics"), T);
        Assert.Equal("metrics", reply.Type);
        Assert.Equal(12_345, reply.Metrics!.EventsIn);
        Assert.Equal(500, reply.Metrics.Handlers[0].LatencyNs.Max);
        Assert.Contains("\"events_per_second\":", reply.Raw);
        Assert.DoesNotContain("\n", reply.Raw);
    }

    [Fact]
    public async Task Subscribe_sends_a_status_line_every_interval()
    {
        using var client = await Connect();
        await client.SendAsync(StatusProtocol.Request("subscribe"), T);
        var ack = StatusProtocol.ParseReply((await client.ReadLineAsync(T))!);
        Assert.Equal("subscribed", ack.Type);
        Assert.Contains("\"interval_ms\":100", ack.Raw);
        for (var i = 0; i < 3; i++)
        {
            var line = StatusProtocol.ParseReply((await client.ReadLineAsync(T))!);
            Assert.Equal("status", line.Type);
            Assert.Equal("run-7", line.Status!.RunId);
        }
    }

    [Fact]
    public async Task Stop_without_token_is_refused()
    {
        using var client = await Connect();
        var reply = await client.RequestAsync(StatusProtocol.Request("stop"), T);
        Assert.Contains("stop needs the token", reply.Error);
        Assert.Contains("status.token", reply.Error);
        Assert.False(_stopped.Task.IsCompleted);
        Assert.Equal(1, _server.Stats.TokensRejected);
    }

    [Fact]
    public async Task Stop_with_a_wrong_token_is_refused()
    {
        using var client = await Connect();
        var reply = await client.RequestAsync(StatusProtocol.Request("stop", new string('0', 64)), T);
        Assert.Equal("invalid token; stop refused", reply.Error);
        reply = await client.RequestAsync("{\"cmd\":\"stop\",\"token\":42}", T);
        Assert.Equal("\"token\" must be a string", reply.Error);
        Assert.False(_stopped.Task.IsCompleted);
    }

    [Fact]
    public async Task Stop_with_the_token_invokes_the_engine_callback()
    {
        using var client = await Connect();
        var reply = await client.RequestAsync(StatusProtocol.Request("stop", _server.Token), T);
        Assert.Equal("stopping", reply.Type);
        Assert.Equal("stop requested on the status socket", await _stopped.Task.WaitAsync(T));
        var status = await client.RequestAsync(StatusProtocol.Request("status"), T);
        Assert.Equal("stopping", status.Status!.State);
        Assert.Equal(1, _server.Stats.StopsAccepted);
    }

    [Fact]
    public async Task Malformed_and_unknown_requests_get_an_error_and_the_connection_stays_usable()
    {
        using var client = await Connect();
        Assert.StartsWith("malformed JSON request", (await client.RequestAsync("{\"cmd\": ", T)).Error);
        Assert.StartsWith("request must be a JSON object", (await client.RequestAsync("[1,2]", T)).Error);
        Assert.StartsWith("request needs a string \"cmd\"", (await client.RequestAsync("{\"command\":\"status\"}", T)).Error);
        Assert.Equal("unknown cmd \"reboot\"; known: status, metrics, subscribe, stop", (await client.RequestAsync("{\"cmd\":\"reboot\"}", T)).Error);
        Assert.StartsWith("malformed JSON request", (await client.RequestAsync("\u00ff\u00fe garbage", T)).Error);
        Assert.Equal("status", (await client.RequestAsync(StatusProtocol.Request("status"), T)).Type);
        Assert.Equal(5, _server.Stats.Errors);
    }

    [Fact]
    public async Task Oversize_request_is_rejected_and_the_connection_closed()
    {
        using var client = await Connect();
        await client.SendAsync(new string('x', 10_000), T);
        var reply = StatusProtocol.ParseReply((await client.ReadLineAsync(T))!);
        Assert.Equal("request longer than 4096 bytes; closing the connection", reply.Error);
        Assert.Null(await client.ReadLineAsync(T));
        // The server itself is fine.
        using var other = await Connect();
        Assert.Equal("status", (await other.RequestAsync(StatusProtocol.Request("status"), T)).Type);
    }

    [Fact]
    public async Task A_client_that_half_closes_still_gets_its_answers()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _server.Port);
        using var stream = new NetworkStream(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"cmd\":\"status\"}\n{\"cmd\":\"metrics\"}"));
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream);
        var all = await reader.ReadToEndAsync().WaitAsync(T);
        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"type\":\"status\"", lines[0]);
        Assert.StartsWith("{\"type\":\"metrics\"", lines[1]);
    }

    [Fact]
    public async Task A_client_that_never_reads_does_not_hold_up_other_clients()
    {
        await using var server = Start(new StatusServerOptions
        {
            SendQueueCapacity = 4,
            WriteTimeout = TimeSpan.FromSeconds(1),
            SocketSendBufferBytes = 4096,
            SubscribeInterval = TimeSpan.FromMilliseconds(20),
        });
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await stuck.ConnectAsync(IPAddress.Loopback, server.Port);
        var flood = new StringBuilder().Insert(0, "{\"cmd\":\"metrics\"}\n", 2000).ToString();
        await stuck.SendAsync(Encoding.UTF8.GetBytes("{\"cmd\":\"subscribe\"}\n" + flood)).WaitAsync(T);

        using var healthy = await StatusClient.ConnectAsync("127.0.0.1", server.Port, T);
        for (var i = 0; i < 5; i++)
        {
            var reply = await healthy.RequestAsync(StatusProtocol.Request("status"), TimeSpan.FromSeconds(10));
            Assert.Equal("status", reply.Type);
        }

        var deadline = DateTime.UtcNow + T;
        while (server.Stats.SlowClientsDisconnected == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(server.Stats.LinesDropped > 0, "lines for the stuck client should have been dropped");
        Assert.Equal(1, server.Stats.SlowClientsDisconnected);
        Assert.Equal("status", (await healthy.RequestAsync(StatusProtocol.Request("status"), TimeSpan.FromSeconds(10))).Type);
    }

    [Fact]
    public async Task A_dead_peer_is_cleaned_up()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _server.Port);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"cmd\":\"subscribe\"}\n"));
        await WaitFor(() => _server.Stats.ClientsActive == 1);
        socket.LingerState = new LingerOption(true, 0); // close with RST, like a crashed client
        socket.Close();
        await WaitFor(() => _server.Stats.ClientsActive == 0);
        using var client = await Connect();
        Assert.Equal("status", (await client.RequestAsync(StatusProtocol.Request("status"), T)).Type);
    }

    [Fact]
    public async Task Clients_beyond_the_limit_are_told_and_closed()
    {
        await using var server = Start(new StatusServerOptions { MaxClients = 1 });
        using var first = await StatusClient.ConnectAsync("127.0.0.1", server.Port, T);
        Assert.Equal("status", (await first.RequestAsync(StatusProtocol.Request("status"), T)).Type);
        using var second = await StatusClient.ConnectAsync("127.0.0.1", server.Port, T);
        var reply = StatusProtocol.ParseReply((await second.ReadLineAsync(T))!);
        Assert.Equal("too many status clients (limit 1); try again later", reply.Error);
        Assert.Equal(1, server.Stats.ClientsRejected);
    }

    [Fact]
    public void Port_in_use_is_a_clear_error()
    {
        var info = new RunInfo { RunId = "x", Profile = "dev", ConfigHash = "h", Source = "s" };
        using var second = new StatusServer(new StatusServerOptions { Port = _server.Port },
            new MetricsStatusProvider(_metrics, info, _ => { }));
        var ex = Assert.Throws<IOException>(second.Start);
        Assert.Equal($"status socket: 127.0.0.1:{_server.Port} is already in use (is another engine running? set status.port to another port, or turn the status socket off)", ex.Message);
    }

    [Theory]
    [InlineData("0.0.0.0", "is not a loopback address")]
    [InlineData("example.com", "must be an IP address or \"localhost\"")]
    public void Non_loopback_or_named_hosts_are_refused(string host, string expected)
    {
        var info = new RunInfo { RunId = "x", Profile = "dev", ConfigHash = "h", Source = "s" };
        using var server = new StatusServer(new StatusServerOptions { Host = host, Port = 0 }, new MetricsStatusProvider(_metrics, info, _ => { }));
        Assert.Contains(expected, Assert.Throws<ArgumentException>(server.Start).Message);
    }

    [Fact]
    public async Task Token_file_is_owner_only_and_removed_with_the_server()
    {
        using var dir = new TempDir();
        var server = Start();
        var path = server.WriteTokenFile(dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "status.token"), path);
        if (!OperatingSystem.IsWindows()) // the server sets mode bits only where they exist
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(server.Token, StatusTokenFile.Read(path));
        Assert.Matches("^[0-9a-f]{64}$", server.Token);
        Assert.NotEqual(_server.Token, server.Token);

        using var client = await StatusClient.ConnectAsync("127.0.0.1", server.Port, T);
        Assert.Equal("stopping", (await client.RequestAsync(StatusProtocol.Request("stop", StatusTokenFile.Read(path)), T)).Type);
        await server.DisposeAsync();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Token_file_errors_name_the_file()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "status.token");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => StatusTokenFile.Read(missing)).Message);
        var empty = dir.File("empty.token", "\n");
        Assert.Equal($"token file {empty} is empty", Assert.Throws<InvalidDataException>(() => StatusTokenFile.Read(empty)).Message);
    }

    [Fact]
    public async Task Client_says_plainly_when_nothing_listens()
    {
        // Take a free port, then close it so nothing listens there.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var ex = await Assert.ThrowsAsync<IOException>(() => StatusClient.ConnectAsync("127.0.0.1", port, T));
        Assert.Equal($"no engine is listening on 127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task Disposing_the_server_closes_its_clients()
    {
        var server = Start();
        var port = server.Port;
        using var client = await StatusClient.ConnectAsync("127.0.0.1", port, T);
        await client.SendAsync(StatusProtocol.Request("subscribe"), T);
        Assert.NotNull(await client.ReadLineAsync(T));
        await server.DisposeAsync().AsTask().WaitAsync(T);
        string? line;
        do
            line = await client.ReadLineAsync(T);
        while (line is not null);
        await Assert.ThrowsAsync<IOException>(() => StatusClient.ConnectAsync("127.0.0.1", port, T));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + T;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not reached within " + T);
            await Task.Delay(20);
        }
    }
}
