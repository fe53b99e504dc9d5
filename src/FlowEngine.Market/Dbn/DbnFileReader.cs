using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Reads a DBN file (v1, v2 or v3) record by record into a caller-owned <see cref="MboEvent"/>, without
/// allocating per record: one reused buffer, MBO records decoded in place. Definition records update
/// <see cref="Definitions"/> and surface as <see cref="EventKind.InstrumentDefinition"/> events; records of
/// other rtypes are skipped and counted. Errors are <see cref="DbnFormatException"/>s naming file, byte offset
/// and problem, thrown only after every earlier record was returned. Single-threaded, like the feed it serves.
/// </summary>
public sealed class DbnFileReader : IDisposable
{
    private readonly DbnDecoderCore _core;
    private readonly Stream? _stream;
    private readonly bool _leaveOpen;

    private DbnFileReader(DbnDecoderCore core, Stream? stream, bool leaveOpen)
    {
        _core = core;
        _stream = stream;
        _leaveOpen = leaveOpen;
        while (!core.TryReadMetadata(endOfInput: false))
        {
            if (!Fill())
            {
                core.TryReadMetadata(endOfInput: true);
                break;
            }
        }
    }

    /// <summary>The file's metadata (dataset, schema, range, symbols, mappings).</summary>
    public DbnMetadata Metadata => _core.Metadata!;

    /// <summary>Latest definition per instrument id read so far (from rtype 0x13 records).</summary>
    public IReadOnlyDictionary<uint, InstrumentDefinition> Definitions => _core.Definitions;

    /// <summary>The same definitions as an <see cref="InstrumentRegistry"/>, for code that wants its extras.</summary>
    public InstrumentRegistry Registry => _core.Definitions;

    /// <summary>Records consumed so far, of every rtype (delivered and skipped).</summary>
    public long RecordsRead => _core.RecordsRead;

    /// <summary>MBO records delivered so far.</summary>
    public long MboRecordsRead => _core.MboCount;

    /// <summary>Records of rtypes other than MBO and definition, skipped.</summary>
    public long SkippedRecords => _core.SkippedCount;

    /// <summary>Byte offset in the file of the next record.</summary>
    public long Position => _core.Position;

    /// <summary>The source name used in messages (the path for files).</summary>
    public string SourceName => _core.Source;

    /// <summary>The gateway send time (ts_out) of the last record returned; 0 when the file has no ts_out.</summary>
    public ulong LastTsOut => _core.LastTsOut;

    /// <summary>Opens a DBN file and decodes its metadata. Throws <see cref="DbnFormatException"/> for unusable input.</summary>
    public static DbnFileReader Open(string path) => Open(path, null);

    /// <summary>Opens a DBN file with options (shared registry, any-schema inspection).</summary>
    public static DbnFileReader Open(string path, DbnReaderOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return new DbnFileReader(new DbnDecoderCore(path, options ?? DbnReaderOptions.Default, null), stream, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads DBN from any readable stream (e.g. a decompressor); <paramref name="sourceName"/> appears in messages.</summary>
    public static DbnFileReader Open(Stream stream, string sourceName, DbnReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return new DbnFileReader(new DbnDecoderCore(sourceName, options ?? DbnReaderOptions.Default, null), stream, leaveOpen);
        }
        catch
        {
            if (!leaveOpen)
                stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads DBN held whole in memory without copying it (replays and benchmarks). The array must not change
    /// while the reader is in use.
    /// </summary>
    public static DbnFileReader FromBytes(byte[] data, string sourceName = "<memory>", DbnReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new DbnFileReader(new DbnDecoderCore(sourceName, options ?? DbnReaderOptions.Default, data), null, leaveOpen: true);
    }

    /// <summary>
    /// Reads the next MBO record into <paramref name="evt"/>, or an <see cref="EventKind.InstrumentDefinition"/>
    /// event when a definition record was read (the definition is then in <see cref="Definitions"/>).
    /// Returns false at a clean end of file. Allocates nothing for MBO records.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read(ref MboEvent evt)
    {
        var core = _core;
        var pos = core.Pos;
        var length = core.MboLength;
        if (core.End - pos >= length)
        {
            ref var record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(core.Buffer), pos);
            if (Unsafe.Add(ref record, 1) == DbnRType.Mbo && record * 4 == length)
            {
                DbnMboCodec.Decode(ref record, ref evt);
                if (core.TsOut)
                    core.LastTsOut = BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref record, DbnFormat.MboRecordLength), 8));
                core.Pos = pos + length;
                core.MboCount++;
                return true;
            }
        }

        return ReadSlow(ref evt);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadSlow(ref MboEvent evt)
    {
        while (true)
        {
            if (_core.TryDecode(ref evt))
                return true;
            if (!Fill())
            {
                _core.ThrowIfPartial();
                return false;
            }
        }
    }

    /// <summary>
    /// Starts again at the first record (for repeated replays of the same day and for benchmarks): counters
    /// reset, <see cref="Definitions"/> kept. Works for in-memory input and seekable streams (files).
    /// </summary>
    public void Rewind()
    {
        if (_stream is { CanSeek: false })
            throw new NotSupportedException($"cannot rewind {_core.Source}: the stream is not seekable");
        _stream?.Seek(Metadata.HeaderLength, SeekOrigin.Begin);
        _core.Restart();
    }

    /// <summary>Skipped records per rtype (only rtypes that occurred), for reports.</summary>
    public IReadOnlyDictionary<byte, long> SkippedByRType() => _core.SkippedByRType();

    private bool Fill()
    {
        if (_stream is null)
            return false;
        var space = _core.PrepareFill();
        if (space.IsEmpty)
            return false;
        var read = _stream.Read(space);
        _core.CommitFill(read);
        return read > 0;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
            _stream?.Dispose();
        _core.ReleaseBuffer();
    }
}
