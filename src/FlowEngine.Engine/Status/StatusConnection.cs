using System.Net.Sockets;
using System.Threading.Channels;

namespace FlowEngine.Engine.Status;

/// <summary>
/// One client of the status server: a reader loop that parses request lines and a writer loop that
/// drains a bounded queue of reply lines. Nothing anyone else does waits on this client: replies are
/// queued with a non-blocking try, and a full queue drops the line (counted).
/// </summary>
internal sealed class StatusConnection
{
    private readonly StatusServer _server;
    private readonly StatusServerOptions _options;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _abort;
    private volatile bool _subscribed;
    private volatile bool _closing;

    public StatusConnection(StatusServer server, StatusServerOptions options, Socket socket, long id, CancellationToken abort)
    {
        _server = server;
        _options = options;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Id = id;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(abort);
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long Id { get; }

    public string Remote { get; init; } = "?";

    public bool Subscribed => _subscribed;

    public void Subscribe() => _subscribed = true;

    /// <summary>Queues a reply line; never blocks. A full queue drops the line and counts it.</summary>
    public void Enqueue(byte[] line)
    {
        if (!_outbox.Writer.TryWrite(line) && !_closing)
            _server.CountDropped();
    }

    /// <summary>Stops taking replies; the writer sends what is queued, then the connection closes.</summary>
    public void CloseAfterDrain()
    {
        _closing = true;
        _outbox.Writer.TryComplete();
    }

    /// <summary>Closes at once without sending what is queued.</summary>
    public void Abort()
    {
        _closing = true;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public async Task RunAsync()
    {
        try
        {
            await Task.WhenAll(ReadLoopAsync(), WriteLoopAsync()).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The peer is already gone.
            }
            _stream.Dispose();
            _socket.Dispose();
            _abort.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        var reader = new LineReader(_stream, _options.MaxRequestBytes);
        var orderly = false;
        try
        {
            while (true)
            {
                var (status, line) = await reader.ReadAsync(_abort.Token).ConfigureAwait(false);
                if (status == LineStatus.End)
                {
                    orderly = true;
                    // A client that subscribed and half-closed still wants its lines; one that only asked
                    // questions has had its answers queued.
                    if (!_subscribed)
                        CloseAfterDrain();
                    return;
                }
                if (status == LineStatus.TooLong)
                {
                    orderly = true;
                    _server.CountError();
                    Enqueue(StatusProtocol.ErrorLine($"request longer than {_options.MaxRequestBytes} bytes; closing the connection"));
                    CloseAfterDrain();
                    return;
                }
                if (line.Span.Trim((byte)' ').IsEmpty)
                    continue;
                _server.Handle(this, line.Span);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Dead peer or shutdown: fall through to close.
        }
        finally
        {
            if (!orderly)
                Abort();
        }
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var line in _outbox.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                timeout.CancelAfter(_options.WriteTimeout);
                try
                {
                    await _stream.WriteAsync(line, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
                {
                    _server.CountSlowDisconnect(this);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Dead peer or shutdown: fall through to close.
        }
        finally
        {
            Abort();
        }
    }
}
