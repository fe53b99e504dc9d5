using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// The I/O-free part of DBN decoding shared by the file and stream readers: one reusable byte buffer, the
/// metadata phase, record framing, dispatch by rtype, skip counters and error messages. The readers only
/// refill the buffer (synchronously from a <see cref="Stream"/> or asynchronously from a PipeReader) and keep
/// the MBO fast path inline; everything else lives here once.
/// </summary>
internal sealed class DbnDecoderCore
{
    private readonly bool _ownsBuffer;
    private readonly bool _acceptAnySchema;
    private readonly long[] _skippedByRType = new long[256];

    /// <summary>Buffered input; valid bytes are [<see cref="Pos"/>, <see cref="End"/>).</summary>
    public byte[] Buffer;

    /// <summary>Next unread byte in <see cref="Buffer"/>.</summary>
    public int Pos;

    /// <summary>One past the last valid byte in <see cref="Buffer"/>.</summary>
    public int End;

    /// <summary>Input offset of <c>Buffer[0]</c>.</summary>
    public long Origin;

    /// <summary>Exact length of a plain MBO record in this input (56, or 64 with ts_out).</summary>
    public int MboLength = DbnFormat.MboRecordLength;

    /// <summary>True when records carry an 8-byte ts_out suffix.</summary>
    public bool TsOut;

    /// <summary>MBO records delivered.</summary>
    public long MboCount;

    /// <summary>Definition records delivered.</summary>
    public long DefinitionCount;

    /// <summary>Records of other rtypes skipped.</summary>
    public long SkippedCount;

    /// <summary>ts_out of the last delivered record (0 unless the input has ts_out).</summary>
    public ulong LastTsOut;

    private byte _version;
    private int _definitionLength;

    public DbnDecoderCore(string source, DbnReaderOptions options, byte[]? wholeInput)
    {
        Source = source;
        _acceptAnySchema = options.AcceptAnySchema;
        Definitions = options.Registry ?? new InstrumentRegistry();
        if (wholeInput != null)
        {
            Buffer = wholeInput;
            End = wholeInput.Length;
        }
        else
        {
            // Pooled: opening one reader per file of a replay should not cost a fresh 256 KiB array each time.
            Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, options.BufferSize));
            _ownsBuffer = true;
        }
    }

    /// <summary>Name used in messages: the path, or the stream's name.</summary>
    public string Source { get; }

    /// <summary>The decoded metadata; null until <see cref="TryReadMetadata"/> succeeded.</summary>
    public DbnMetadata? Metadata { get; private set; }

    /// <summary>Latest definition per instrument.</summary>
    public InstrumentRegistry Definitions { get; }

    /// <summary>All records consumed, whatever their rtype.</summary>
    public long RecordsRead => MboCount + DefinitionCount + SkippedCount;

    /// <summary>Input offset of the next record.</summary>
    public long Position => Origin + Pos;

    /// <summary>Skipped records by rtype (only rtypes seen).</summary>
    public IReadOnlyDictionary<byte, long> SkippedByRType()
    {
        var result = new SortedDictionary<byte, long>();
        for (var i = 0; i < _skippedByRType.Length; i++)
        {
            if (_skippedByRType[i] != 0)
                result[(byte)i] = _skippedByRType[i];
        }

        return result;
    }

    /// <summary>
    /// Decodes the prelude and metadata once they are buffered. False: more input is needed (the buffer has
    /// been grown if the metadata is larger than it). Throws when the input is not usable DBN.
    /// </summary>
    public bool TryReadMetadata(bool endOfInput)
    {
        var available = End - Pos;
        var headerLength = DbnMetadataCodec.ReadPrelude(Buffer.AsSpan(Pos, available), endOfInput, Source);
        if (headerLength == 0)
            return false;
        if (available < headerLength)
        {
            if (endOfInput)
                throw DbnMetadataCodec.TruncatedMetadata(Source, headerLength, Origin + End);
            if (Buffer.Length < headerLength)
            {
                var larger = ArrayPool<byte>.Shared.Rent(headerLength);
                Buffer.AsSpan(0, End).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = larger;
            }

            return false;
        }

        var metadata = DbnMetadataCodec.Parse(Buffer.AsSpan(Pos, headerLength), Source);
        CheckSchema(metadata);
        Metadata = metadata;
        _version = metadata.Version;
        TsOut = metadata.TsOut;
        var suffix = TsOut ? DbnFormat.TsOutLength : 0;
        MboLength = DbnFormat.MboRecordLength + suffix;
        _definitionLength = DbnFormat.DefinitionRecordLength(_version) + suffix;
        Pos += headerLength;
        return true;
    }

    private void CheckSchema(DbnMetadata metadata)
    {
        if (_acceptAnySchema || metadata.Schema is null or DbnSchema.Mbo or DbnSchema.Definition)
            return;
        var name = DbnSchemaNames.Name(metadata.Schema);
        throw new DbnFormatException(Source, DbnFormat.PreludeLength + 16, -1,
            $"the file holds {name} records (metadata schema {name}), not MBO: FlowEngine reads mbo, definition "
            + "and mixed-schema DBN files; download the mbo schema instead");
    }

    /// <summary>
    /// Decodes the next MBO or definition record from buffered bytes, skipping (and counting) records of
    /// other rtypes. False when the buffer holds no further complete record. Throws on a bad length byte.
    /// </summary>
    public bool TryDecode(ref MboEvent evt)
    {
        while (true)
        {
            var available = End - Pos;
            if (available == 0)
                return false;
            ref var record = ref Buffer[Pos];
            var length = record * 4;
            if (length < DbnFormat.RecordHeaderLength)
                throw BadLength(record, "shorter than the 16-byte record header");
            if (available < 2)
                return false;
            var rtype = Unsafe.Add(ref record, 1);
            if (rtype == DbnRType.Mbo)
            {
                if (length < MboLength)
                    throw BadLength(record, $"too small for an MBO record (rtype 0xA0), which needs {MboLength} bytes");
                if (available < length)
                    return false;
                DbnMboCodec.Decode(ref record, ref evt);
                ConsumeDelivered(length);
                MboCount++;
                return true;
            }

            if (rtype == DbnRType.InstrumentDef)
            {
                if (length < _definitionLength)
                {
                    throw BadLength(record,
                        $"too small for an instrument definition (rtype 0x13) in DBN v{_version}, which needs {_definitionLength} bytes");
                }

                if (available < length)
                    return false;
                var definition = DbnDefinitionCodec.Decode(Buffer.AsSpan(Pos, length), _version);
                Definitions.Apply(definition);
                evt = new MboEvent
                {
                    TsEvent = BinaryPrimitives.ReadInt64LittleEndian(Buffer.AsSpan(Pos + DbnMboCodec.TsEventOffset)),
                    TsRecv = definition.TsRecv,
                    InstrumentId = definition.InstrumentId,
                    PublisherId = BinaryPrimitives.ReadUInt16LittleEndian(Buffer.AsSpan(Pos + DbnMboCodec.PublisherIdOffset)),
                    Price = MboEvent.UndefinedPrice,
                    Action = MboAction.None,
                    Side = MboSide.None,
                    Kind = EventKind.InstrumentDefinition,
                };
                ConsumeDelivered(length);
                DefinitionCount++;
                return true;
            }

            if (available < Math.Max(length, DbnFormat.RecordHeaderLength))
                return false;
            Pos += length;
            SkippedCount++;
            _skippedByRType[rtype]++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ConsumeDelivered(int length)
    {
        if (TsOut)
            LastTsOut = BinaryPrimitives.ReadUInt64LittleEndian(Buffer.AsSpan(Pos + length - DbnFormat.TsOutLength));
        Pos += length;
    }

    /// <summary>Called at end of input: throws when a record was cut short, otherwise returns.</summary>
    public void ThrowIfPartial()
    {
        var available = End - Pos;
        if (available == 0)
            return;
        if (available < DbnFormat.RecordHeaderLength)
        {
            throw new DbnFormatException(Source, Position, RecordsRead,
                $"truncated record: the input ends {available} bytes into a 16-byte record header (at byte {Origin + End})");
        }

        var length = Buffer[Pos] * 4;
        throw new DbnFormatException(Source, Position, RecordsRead,
            $"truncated record: the length byte says {length} bytes of {DbnRType.Describe(Buffer[Pos + 1])} "
            + $"but the input ends after {available} of them (at byte {Origin + End})");
    }

    private DbnFormatException BadLength(byte lengthByte, string why)
    {
        var rtype = End - Pos >= 2 ? DbnRType.Describe(Buffer[Pos + 1]) : "a record";
        return new DbnFormatException(Source, Position, RecordsRead,
            string.Create(CultureInfo.InvariantCulture,
                $"bad length byte {lengthByte} ({lengthByte * 4} bytes) in the header of {rtype}: {why}"));
    }

    /// <summary>
    /// Goes back to the first record: counters and ts_out reset, definitions kept (they are the latest state).
    /// For input held whole the bytes are re-read in place; otherwise the buffer is emptied and the caller
    /// repositions its source at the first record.
    /// </summary>
    public void Restart()
    {
        var headerLength = Metadata!.HeaderLength;
        if (_ownsBuffer)
        {
            Pos = End = 0;
            Origin = headerLength;
        }
        else
        {
            Pos = headerLength;
        }

        MboCount = DefinitionCount = SkippedCount = 0;
        LastTsOut = 0;
        Array.Clear(_skippedByRType);
    }

    /// <summary>
    /// Moves unread bytes to the front and returns the free tail to fill. Only for owned buffers: input given
    /// whole is never modified.
    /// </summary>
    public Span<byte> PrepareFill()
    {
        if (!_ownsBuffer)
            return [];
        if (Pos > 0)
        {
            Buffer.AsSpan(Pos, End - Pos).CopyTo(Buffer);
            Origin += Pos;
            End -= Pos;
            Pos = 0;
        }

        return Buffer.AsSpan(End);
    }

    /// <summary>Returns a pooled buffer; the core must not be used afterwards (reads then see no input).</summary>
    public void ReleaseBuffer()
    {
        if (!_ownsBuffer || Buffer.Length == 0)
            return;
        var buffer = Buffer;
        Buffer = [];
        Pos = End = 0;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Records that <paramref name="count"/> bytes were written into the span from <see cref="PrepareFill"/>.</summary>
    public void CommitFill(int count) => End += count;
}
