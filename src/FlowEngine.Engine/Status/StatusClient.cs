using System.Net.Sockets;
using System.Text;

namespace FlowEngine.Engine.Status;

/// <summary>
/// A client of the status socket (used by <c>flowengine status</c> and <c>flowengine stop</c>): connect,
/// send request lines, read reply lines, each with a timeout so a wedged engine cannot hang the CLI.
/// </summary>
public sealed class StatusClient : IDisposable
{
    /// <summary>Longest reply line accepted (a metrics report with many handlers is a few KiB).</summary>
    public const int MaxReplyBytes = 4 << 20;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly LineReader _reader;

    private StatusClient(Socket socket, string endpoint)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new LineReader(_stream, MaxReplyBytes);
        Endpoint = endpoint;
    }

    /// <summary><c>host:port</c> connected to, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>Connects to the engine's status socket.</summary>
    /// <exception cref="IOException">Nothing listens there (<c>no engine is listening on host:port</c>) or no answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentException">The host is not an IP address or <c>localhost</c>.</exception>
    public static async Task<StatusClient> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default)
    {
        if (!StatusAddress.TryParse(host, out var address))
            throw new ArgumentException($"--host must be an IP address or \"localhost\", got \"{host}\"");
        if (port is < 1 or > 65_535)
            throw new ArgumentException($"--port must be between 1 and 65535, got {port}");
        var endpoint = $"{host}:{port}";
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(address, port, deadline.Token).ConfigureAwait(false);
            return new StatusClient(socket, endpoint);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            socket.Dispose();
            throw new IOException($"no engine is listening on {endpoint}", ex);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot reach the engine on {endpoint}: {ex.Message}", ex);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new IOException($"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Sends one request line (the newline is added).</summary>
    public async Task SendAsync(string requestJson, TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(requestJson + "\n"), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"the engine on {Endpoint} did not accept a request within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            throw new IOException($"lost the connection to {Endpoint}: {ex.Message}", ex);
        }
    }

    /// <summary>The next reply line, or null when the engine closed the connection.</summary>
    /// <exception cref="IOException">Nothing arrived within <paramref name="timeout"/>, or the line is too long.</exception>
    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var (status, line) = await _reader.ReadAsync(deadline.Token).ConfigureAwait(false);
            return status switch
            {
                LineStatus.Line => Encoding.UTF8.GetString(line.Span),
                LineStatus.End => null,
                _ => throw new IOException($"reply from {Endpoint} longer than {MaxReplyBytes} bytes"),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"no reply from {Endpoint} within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            throw new IOException($"lost the connection to {Endpoint}: {ex.Message}", ex);
        }
    }

    /// <summary>Sends a request and parses the one reply line.</summary>
    /// <exception cref="IOException">The connection closed before a reply, or a timeout.</exception>
    public async Task<StatusReply> RequestAsync(string requestJson, TimeSpan timeout, CancellationToken ct = default)
    {
        await SendAsync(requestJson, timeout, ct).ConfigureAwait(false);
        var line = await ReadLineAsync(timeout, ct).ConfigureAwait(false)
            ?? throw new IOException($"the engine on {Endpoint} closed the connection without replying");
        return StatusProtocol.ParseReply(line);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _stream.Dispose();
}
