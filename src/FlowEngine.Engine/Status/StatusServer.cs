using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Serilog;

namespace FlowEngine.Engine.Status;

/// <summary>
/// The engine's status socket: TCP, loopback by default, one JSON object per line (see
/// <see cref="StatusProtocol"/>). It runs entirely on its own tasks and reads engine state through an
/// <see cref="IStatusProvider"/>, so a slow, stuck or dead client can cost at most its own bounded queue
/// and socket buffer, never time on a pipeline thread.
/// </summary>
/// <remarks>
/// State-changing commands (<c>stop</c>) need <see cref="Token"/>, a random 256-bit value the engine
/// writes to <c>&lt;run dir&gt;/status.token</c> with mode 0600 (<see cref="WriteTokenFile"/>): whoever
/// can read the run's files may stop it, nobody else. Malformed, unknown and oversize requests get an
/// <c>{"error":"..."}</c> line; the connection stays usable except after an oversize line.
/// </remarks>
public sealed class StatusServer : IAsyncDisposable, IDisposable
{
    private readonly StatusServerOptions _options;
    private readonly IStatusProvider _provider;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly CancellationTokenSource _abortConnections = new();
    private readonly ConcurrentDictionary<long, (StatusConnection Connection, Task Task)> _clients = new();
    private readonly byte[] _tokenBytes;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _broadcastLoop = Task.CompletedTask;
    private string? _tokenFile;
    private long _nextId;
    private int _disposed;
    private long _accepted;
    private long _rejected;
    private long _requests;
    private long _errors;
    private long _tokensRejected;
    private long _stops;
    private long _dropped;
    private long _slow;

    /// <summary>Creates a server; nothing listens until <see cref="Start"/>.</summary>
    public StatusServer(StatusServerOptions options, IStatusProvider provider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBytes, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SendQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SubscribeInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WriteTimeout, TimeSpan.Zero);
        _options = options;
        _provider = provider ?? throw new ArgumentNullException(nameof(provider));
        _log = (logger ?? Serilog.Core.Logger.None).ForContext<StatusServer>();
        Token = RandomNumberGenerator.GetHexString(64, lowercase: true);
        _tokenBytes = Encoding.ASCII.GetBytes(Token);
    }

    /// <summary>The token that authorises <c>stop</c>; 64 hex digits, new for every server.</summary>
    public string Token { get; }

    /// <summary>The address actually listened on (with the OS-chosen port when configured as 0).</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("the status server is not started"));

    /// <summary>The port actually listened on.</summary>
    public int Port => LocalEndPoint.Port;

    /// <summary>Path of the token file once written, else null.</summary>
    public string? TokenFile => _tokenFile;

    /// <summary>Counters of what the server did; any thread.</summary>
    public StatusServerStats Stats => new()
    {
        ClientsAccepted = Interlocked.Read(ref _accepted),
        ClientsRejected = Interlocked.Read(ref _rejected),
        ClientsActive = _clients.Count,
        Requests = Interlocked.Read(ref _requests),
        Errors = Interlocked.Read(ref _errors),
        TokensRejected = Interlocked.Read(ref _tokensRejected),
        StopsAccepted = Interlocked.Read(ref _stops),
        LinesDropped = Interlocked.Read(ref _dropped),
        SlowClientsDisconnected = Interlocked.Read(ref _slow),
    };

    /// <summary>Binds and starts serving.</summary>
    /// <exception cref="ArgumentException">The host is not an IP literal or <c>localhost</c>, or is not loopback without <see cref="StatusServerOptions.AllowRemote"/>.</exception>
    /// <exception cref="IOException">The port is in use or cannot be bound; the message names host and port.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_listener is not null)
            throw new InvalidOperationException("the status server is already started");
        var host = _options.Host;
        if (!StatusAddress.TryParse(host, out var address))
            throw new ArgumentException($"status host must be an IP address or \"localhost\", got \"{host}\"");
        if (!IPAddress.IsLoopback(address) && !_options.AllowRemote)
            throw new ArgumentException($"status host {host} is not a loopback address; refusing to expose the status socket beyond this machine (set status.allowRemote to true to allow it)");

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(32);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? new IOException($"status socket: {host}:{_options.Port} is already in use (is another engine running? set status.port to another port, or turn the status socket off)", ex)
                : new IOException($"status socket: cannot listen on {host}:{_options.Port}: {ex.Message}", ex);
        }
        _listener = socket;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        _broadcastLoop = Task.Run(BroadcastLoopAsync);
        _log.Information("status socket listening on {Endpoint}", LocalEndPoint);
    }

    /// <summary>
    /// Writes <see cref="Token"/> to <c>&lt;runDirectory&gt;/status.token</c> with mode 0600 and returns the
    /// path; the file is deleted when the server is disposed.
    /// </summary>
    public string WriteTokenFile(string runDirectory)
    {
        _tokenFile = StatusTokenFile.Write(runDirectory, Token);
        return _tokenFile;
    }

    /// <summary>Stops listening, lets clients receive what is queued (briefly), closes them and deletes the token file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stopAccepting.Cancel();
        _listener?.Dispose();
        foreach (var (connection, _) in _clients.Values)
            connection.CloseAfterDrain();
        var tasks = new List<Task> { _acceptLoop, _broadcastLoop };
        foreach (var (_, task) in _clients.Values)
            tasks.Add(task);
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _abortConnections.Cancel();
            try
            {
                await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _log.Warning("status socket: some client tasks did not finish within 5 s of shutdown");
            }
        }
        if (_tokenFile is not null)
        {
            try
            {
                File.Delete(_tokenFile);
            }
            catch (IOException ex)
            {
                _log.Warning("could not delete {TokenFile}: {Message}", _tokenFile, ex.Message);
            }
        }
        _stopAccepting.Dispose();
        _abortConnections.Dispose();
        _log.Information("status socket closed");
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountError() => Interlocked.Increment(ref _errors);

    internal void CountSlowDisconnect(StatusConnection c)
    {
        Interlocked.Increment(ref _slow);
        _log.Warning("status client {Id} ({Remote}) took no data for {Timeout}; disconnected", c.Id, c.Remote, _options.WriteTimeout);
    }

    internal void Handle(StatusConnection c, ReadOnlySpan<byte> line)
    {
        Interlocked.Increment(ref _requests);
        if (!StatusProtocol.TryParseRequest(line, out var request, out var error))
        {
            Error(c, error);
            return;
        }
        switch (request.Cmd)
        {
            case StatusProtocol.StatusCmd:
                c.Enqueue(StatusLine());
                break;
            case StatusProtocol.MetricsCmd:
                c.Enqueue(Safely("metrics", () => StatusProtocol.MetricsLine(_provider.GetMetrics())));
                break;
            case StatusProtocol.SubscribeCmd:
                c.Subscribe();
                c.Enqueue(StatusProtocol.SubscribedLine(_options.SubscribeInterval));
                c.Enqueue(StatusLine());
                break;
            case StatusProtocol.StopCmd:
                Stop(c, request.Token);
                break;
            default:
                var cmd = request.Cmd.Length > 40 ? request.Cmd[..40] + "..." : request.Cmd;
                Error(c, $"unknown cmd \"{cmd}\"; known: {string.Join(", ", StatusProtocol.Commands)}");
                break;
        }
    }

    private void Stop(StatusConnection c, string? token)
    {
        if (token is null)
        {
            Interlocked.Increment(ref _tokensRejected);
            Error(c, $"stop needs the token from the run directory's {StatusTokenFile.FileName}: {{\"cmd\":\"stop\",\"token\":\"...\"}}");
            return;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _tokenBytes))
        {
            Interlocked.Increment(ref _tokensRejected);
            _log.Warning("status client {Id} ({Remote}) sent a wrong stop token", c.Id, c.Remote);
            Error(c, "invalid token; stop refused");
            return;
        }
        Interlocked.Increment(ref _stops);
        c.Enqueue(StatusProtocol.StoppingLine());
        _log.Information("stop requested by status client {Id} ({Remote})", c.Id, c.Remote);
        try
        {
            _provider.RequestStop("stop requested on the status socket");
        }
        catch (Exception ex)
        {
            _log.Error(ex, "the engine's stop callback failed");
        }
    }

    private void Error(StatusConnection c, string message)
    {
        CountError();
        c.Enqueue(StatusProtocol.ErrorLine(message));
    }

    private byte[] StatusLine() => Safely("status", () => StatusProtocol.StatusLine(_provider.GetStatus()));

    // The provider is engine code running on our thread: a bug there must cost a reply, not the server.
    private byte[] Safely(string what, Func<byte[]> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "status provider failed to produce {What}", what);
            CountError();
            return StatusProtocol.ErrorLine($"{what} unavailable: {ex.Message}");
        }
    }

    private async Task AcceptLoopAsync()
    {
        var ct = _stopAccepting.Token;
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log.Debug("status accept failed: {Message}", ex.Message);
                continue;
            }
            var remote = socket.RemoteEndPoint?.ToString() ?? "?";
            if (_clients.Count >= _options.MaxClients)
            {
                Interlocked.Increment(ref _rejected);
                _log.Warning("status client {Remote} refused: {Max} clients already connected", remote, _options.MaxClients);
                _ = RejectAsync(socket);
                continue;
            }
            Interlocked.Increment(ref _accepted);
            socket.NoDelay = true;
            socket.SendBufferSize = _options.SocketSendBufferBytes;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            var id = Interlocked.Increment(ref _nextId);
            var connection = new StatusConnection(this, _options, socket, id, _abortConnections.Token) { Remote = remote };
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = ServeAsync(connection, gate.Task);
            _clients[id] = (connection, task);
            gate.SetResult();
            _log.Debug("status client {Id} connected from {Remote}", id, remote);
        }
    }

    private async Task ServeAsync(StatusConnection connection, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "status client {Id} failed", connection.Id);
        }
        finally
        {
            _clients.TryRemove(connection.Id, out _);
            _log.Debug("status client {Id} disconnected", connection.Id);
        }
    }

    private async Task RejectAsync(Socket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.SendAsync(StatusProtocol.ErrorLine($"too many status clients (limit {_options.MaxClients}); try again later"), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Nothing more to tell this client.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task BroadcastLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.SubscribeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopAccepting.Token).ConfigureAwait(false))
            {
                byte[]? line = null;
                foreach (var (connection, _) in _clients.Values)
                {
                    if (!connection.Subscribed)
                        continue;
                    line ??= StatusLine();
                    connection.Enqueue(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
