using System.Globalization;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Renders MBO events as Databento renders MBO records (raw integer prices and nanosecond timestamps, no symbol
/// column), so output can be diffed against databento-python's <c>to_csv</c>/<c>to_json</c> and the dbn CLI.
/// Field order, quoting of 64-bit integers in JSON ("price":"3675750000000") and the "hd" header object follow
/// the dbn crate's encoders. Cold path, but it streams: lines are formatted into a reused char buffer and
/// handed to the <see cref="TextWriter"/> in large blocks.
/// </summary>
public sealed class DbnTextWriter
{
    private const int BufferSize = 32 * 1024;
    private const int MaxLineLength = 512;

    private readonly TextWriter _output;
    private readonly DbnTextFormat _format;
    private readonly bool _tsOut;
    private readonly char[] _buffer = new char[BufferSize];
    private int _used;

    /// <summary>Renders to <paramref name="output"/>; <paramref name="tsOut"/> adds the ts_out column/field as dbn does.</summary>
    public DbnTextWriter(TextWriter output, DbnTextFormat format, bool tsOut = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _format = format;
        _tsOut = tsOut;
    }

    /// <summary>Writes the CSV header row; nothing for JSON.</summary>
    public void WriteHeader()
    {
        if (_format != DbnTextFormat.Csv)
            return;
        Append("ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,ts_in_delta,sequence");
        if (_tsOut)
            Append(",ts_out");
        Append('\n');
    }

    /// <summary>Writes one MBO event as a line.</summary>
    public void Write(in MboEvent evt, ulong tsOut = 0)
    {
        if (BufferSize - _used < MaxLineLength)
            FlushBuffer();
        if (_format == DbnTextFormat.Csv)
            WriteCsv(evt, tsOut);
        else
            WriteJson(evt, tsOut);
    }

    /// <summary>Hands buffered text to the writer and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _output.Flush();
    }

    private void WriteCsv(in MboEvent evt, ulong tsOut)
    {
        Append((ulong)evt.TsRecv);
        Append(',');
        Append((ulong)evt.TsEvent);
        Append(',');
        Append((ulong)DbnRType.Mbo);
        Append(',');
        Append(evt.PublisherId);
        Append(',');
        Append(evt.InstrumentId);
        Append(',');
        AppendCsvChar((byte)evt.Action);
        Append(',');
        AppendCsvChar((byte)evt.Side);
        Append(',');
        Append(evt.Price);
        Append(',');
        Append(evt.Size);
        Append(',');
        Append(evt.ChannelId);
        Append(',');
        Append(evt.OrderId);
        Append(',');
        Append((ulong)evt.Flags);
        Append(',');
        Append(evt.TsInDelta);
        Append(',');
        Append(evt.Sequence);
        if (_tsOut)
        {
            Append(',');
            Append(tsOut);
        }

        Append('\n');
    }

    private void WriteJson(in MboEvent evt, ulong tsOut)
    {
        Append("{\"ts_recv\":\"");
        Append((ulong)evt.TsRecv);
        Append("\",\"hd\":{\"ts_event\":\"");
        Append((ulong)evt.TsEvent);
        Append("\",\"rtype\":");
        Append((ulong)DbnRType.Mbo);
        Append(",\"publisher_id\":");
        Append(evt.PublisherId);
        Append(",\"instrument_id\":");
        Append(evt.InstrumentId);
        Append("},\"action\":");
        AppendJsonChar((byte)evt.Action);
        Append(",\"side\":");
        AppendJsonChar((byte)evt.Side);
        Append(",\"price\":\"");
        Append(evt.Price);
        Append("\",\"size\":");
        Append(evt.Size);
        Append(",\"channel_id\":");
        Append(evt.ChannelId);
        Append(",\"order_id\":\"");
        Append(evt.OrderId);
        Append("\",\"flags\":");
        Append((ulong)evt.Flags);
        Append(",\"ts_in_delta\":");
        Append(evt.TsInDelta);
        Append(",\"sequence\":");
        Append(evt.Sequence);
        if (_tsOut)
        {
            Append(",\"ts_out\":\"");
            Append(tsOut);
            Append('"');
        }

        Append("}\n");
    }

    // dbn writes a NUL c_char as an empty CSV field and quotes fields the csv crate would quote.
    private void AppendCsvChar(byte value)
    {
        if (value == 0)
            return;
        var c = (char)value;
        if (c is ',' or '"' or '\n' or '\r')
        {
            Append('"');
            if (c == '"')
                Append('"');
            Append(c);
            Append('"');
        }
        else
        {
            Append(c);
        }
    }

    // dbn writes a NUL c_char as JSON null, any other byte as a one-character string.
    private void AppendJsonChar(byte value)
    {
        if (value == 0)
        {
            Append("null");
            return;
        }

        var c = (char)value;
        Append('"');
        switch (c)
        {
            case '"':
                Append("\\\"");
                break;
            case '\\':
                Append("\\\\");
                break;
            case '\n':
                Append("\\n");
                break;
            case '\r':
                Append("\\r");
                break;
            case '\t':
                Append("\\t");
                break;
            case '\b':
                Append("\\b");
                break;
            case '\f':
                Append("\\f");
                break;
            default:
                if (c < ' ')
                {
                    Append("\\u00");
                    Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                }
                else
                {
                    Append(c);
                }

                break;
        }

        Append('"');
    }

    private void Append(char c) => _buffer[_used++] = c;

    private void Append(string s)
    {
        s.CopyTo(_buffer.AsSpan(_used));
        _used += s.Length;
    }

    private void Append(ulong value)
    {
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    private void Append(long value)
    {
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    private void Append(int value) => Append((long)value);

    private void Append(uint value) => Append((ulong)value);

    private void FlushBuffer()
    {
        if (_used == 0)
            return;
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }
}
