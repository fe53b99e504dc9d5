using System.Text;
using FlowEngine.Book;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Writes the <c>--bbo-csv</c> file of <c>flowengine book</c>: one row per F_LAST record with the top of
/// book after it. Numbers are formatted into a stack buffer so tens of thousands of rows cost no strings;
/// prices stay raw 1e-9 integers so the file can be diffed against any other implementation exactly.
/// </summary>
internal sealed class BookBboCsvWriter : IDisposable
{
    /// <summary>The header line, fixed by issue 3.</summary>
    public const string Header = "index,ts_recv,sequence,bid_px,bid_sz,bid_ct,ask_px,ask_sz,ask_ct";

    private readonly StreamWriter _writer;

    public BookBboCsvWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <summary>Rows written so far (the header not counted).</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row; an empty side is written as three empty fields.</summary>
    public void Write(long index, long tsRecv, uint sequence, in TopOfBook top)
    {
        Span<char> line = stackalloc char[256];
        var n = 0;
        Append(line, ref n, index);
        line[n++] = ',';
        Append(line, ref n, tsRecv);
        line[n++] = ',';
        Append(line, ref n, sequence);
        line[n++] = ',';
        AppendSide(line, ref n, top.HasBid, top.BidPrice, top.BidSize, top.BidCount);
        line[n++] = ',';
        AppendSide(line, ref n, top.HasAsk, top.AskPrice, top.AskSize, top.AskCount);
        line[n++] = '\n';
        _writer.Write(line[..n]);
        Rows++;
    }

    public void Dispose() => _writer.Dispose();

    private static void AppendSide(Span<char> line, ref int n, bool present, long price, long size, int count)
    {
        if (present)
        {
            Append(line, ref n, price);
            line[n++] = ',';
            Append(line, ref n, size);
            line[n++] = ',';
            Append(line, ref n, count);
        }
        else
        {
            line[n++] = ',';
            line[n++] = ',';
        }
    }

    private static void Append(Span<char> line, ref int n, long value)
    {
        value.TryFormat(line[n..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        n += written;
    }
}
