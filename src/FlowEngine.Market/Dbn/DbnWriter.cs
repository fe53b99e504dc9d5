using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Writes a DBN file: the metadata header, then MBO records (and, if wanted, instrument definitions). Writes
/// DBN version 3 by default — Databento's current version, which every dbn tool reads — and versions 1 or 2
/// when <see cref="DbnMetadata.Version"/> asks for them. The journal's <c>export --format dbn</c> uses it.
/// Records are packed into a reused buffer; nothing is allocated per record. Not thread-safe.
/// </summary>
public sealed class DbnWriter : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _disposed;

    /// <summary>Writes the header of <paramref name="metadata"/> to <paramref name="stream"/>.</summary>
    public DbnWriter(Stream stream, DbnMetadata metadata, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(metadata);
        var header = DbnMetadataCodec.Encode(metadata);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Metadata = metadata;
        _stream.Write(header);
    }

    /// <summary>The metadata written at the start of the file.</summary>
    public DbnMetadata Metadata { get; }

    /// <summary>Records written so far (all kinds).</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and writes the header.</summary>
    public static DbnWriter Create(string path, DbnMetadata metadata)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        try
        {
            return new DbnWriter(stream, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes an MBO event as a DBN MBO record (ts_out 0 when the metadata sets ts_out).</summary>
    public void Write(in MboEvent evt) => Write(evt, 0);

    /// <summary>Writes an MBO event with the gateway send time <paramref name="tsOut"/> (used only when the metadata sets ts_out).</summary>
    public void Write(in MboEvent evt, ulong tsOut)
    {
        if (evt.Kind != EventKind.Mbo)
            throw new ArgumentException($"only MBO events have a DBN encoding; got a {evt.Kind} event", nameof(evt));
        EnsureSpace();
        DbnMboCodec.Encode(evt, _buffer.AsSpan(_used), Metadata.TsOut, tsOut);
        _used += DbnFormat.MboRecordLength + (Metadata.TsOut ? DbnFormat.TsOutLength : 0);
        RecordsWritten++;
    }

    /// <summary>
    /// Writes an instrument definition record (rtype 0x13) in the layout of the file's DBN version. Fields
    /// FlowEngine does not model are written as Databento's "undefined" values.
    /// </summary>
    public void WriteDefinition(InstrumentDefinition definition, ushort publisherId = 0, long? tsEvent = null, ulong tsOut = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnsureSpace();
        var space = _buffer.AsSpan(_used, DbnFormat.MaxRecordLength);
        space.Clear();
        _used += DbnDefinitionCodec.Encode(definition, Metadata.Version, publisherId, tsEvent ?? definition.TsRecv,
            space, Metadata.TsOut, tsOut);
        RecordsWritten++;
    }

    /// <summary>Pushes buffered records to the stream and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    private void EnsureSpace()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (BufferSize - _used < DbnFormat.MaxRecordLength)
            FlushBuffer();
    }

    private void FlushBuffer()
    {
        if (_used == 0)
            return;
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Flushes and closes the stream (unless told to leave it open).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        Flush();
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
