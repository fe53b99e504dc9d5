namespace FlowEngine.Engine.Status;

/// <summary>
/// Reads <c>\n</c>-terminated lines from a stream into a fixed buffer, refusing lines longer than the
/// limit instead of growing: a peer can never make us buffer unbounded input.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[maxLineBytes + 1];
    private int _start;
    private int _end;
    private bool _eof;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// The next line without its terminator (valid until the next call), <see cref="LineStatus.TooLong"/> when
    /// more than <see cref="MaxLineBytes"/> arrive without a newline, or <see cref="LineStatus.End"/>. A final
    /// line without a newline still counts as a line.
    /// </summary>
    public async ValueTask<(LineStatus Status, ReadOnlyMemory<byte> Line)> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var nl = pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var line = _buffer.AsMemory(_start, nl);
                _start += nl + 1;
                return (LineStatus.Line, TrimCr(line));
            }
            if (pending.Length > MaxLineBytes)
                return (LineStatus.TooLong, default);
            if (_eof)
            {
                if (pending.Length == 0)
                    return (LineStatus.End, default);
                var last = _buffer.AsMemory(_start, pending.Length);
                _start = _end;
                return (LineStatus.Line, TrimCr(last));
            }
            if (_start > 0)
            {
                pending.CopyTo(_buffer);
                _end = pending.Length;
                _start = 0;
            }
            var n = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (n == 0)
                _eof = true;
            _end += n;
        }
    }

    private static ReadOnlyMemory<byte> TrimCr(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}

