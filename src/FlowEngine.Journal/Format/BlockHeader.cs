using System.Buffers.Binary;

namespace FlowEngine.Journal;

/// <summary>
/// The 72-byte header in front of every block. It describes the block well enough to index it without
/// decompressing (sequence and ts_recv ranges), and has its own CRC so a reader can trust the stored length
/// it uses to step over a block whose payload is damaged.
/// </summary>
internal struct BlockHeader
{
    public BlockCodecId Codec;
    public long BlockNumber;
    public int RecordCount;
    public int InputCount;
    public int StoredLength;
    public int RawLength;
    public long FirstSequence;
    public long LastSequence;
    public long MinTsRecv;
    public long MaxTsRecv;
    public uint PayloadCrc;

    public readonly void Write(Span<byte> destination)
    {
        var h = destination[..JournalFormat.BlockHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(h, JournalFormat.BlockMagic);
        h[4] = (byte)Codec;
        h[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(h[8..], BlockNumber);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], RecordCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[20..], InputCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], StoredLength);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], RawLength);
        BinaryPrimitives.WriteInt64LittleEndian(h[32..], FirstSequence);
        BinaryPrimitives.WriteInt64LittleEndian(h[40..], LastSequence);
        BinaryPrimitives.WriteInt64LittleEndian(h[48..], MinTsRecv);
        BinaryPrimitives.WriteInt64LittleEndian(h[56..], MaxTsRecv);
        BinaryPrimitives.WriteUInt32LittleEndian(h[64..], PayloadCrc);
        JournalFormat.SealCrc(h, JournalFormat.BlockHeaderCrcOffset);
    }

    /// <summary>True when <paramref name="source"/> starts with the block magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> source) =>
        source.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(source) == JournalFormat.BlockMagic;

    /// <summary>
    /// Parses a block header, checking magic, CRC and that every length is within what
    /// <paramref name="blockSize"/> allows; null <paramref name="detail"/> on success.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> source, int blockSize, out BlockHeader header, out string? detail)
    {
        header = default;
        if (source.Length < JournalFormat.BlockHeaderSize)
        {
            detail = $"block header cut short: {source.Length} of {JournalFormat.BlockHeaderSize} bytes";
            return false;
        }
        if (!HasMagic(source))
        {
            detail = $"no block magic (found 0x{BinaryPrimitives.ReadUInt32LittleEndian(source):X8})";
            return false;
        }
        if (!JournalFormat.CheckCrc(source[..JournalFormat.BlockHeaderSize], JournalFormat.BlockHeaderCrcOffset))
        {
            detail = "block header CRC32C mismatch";
            return false;
        }
        header = new BlockHeader
        {
            Codec = (BlockCodecId)source[4],
            BlockNumber = BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            RecordCount = BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            InputCount = BinaryPrimitives.ReadInt32LittleEndian(source[20..]),
            StoredLength = BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            RawLength = BinaryPrimitives.ReadInt32LittleEndian(source[28..]),
            FirstSequence = BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            LastSequence = BinaryPrimitives.ReadInt64LittleEndian(source[40..]),
            MinTsRecv = BinaryPrimitives.ReadInt64LittleEndian(source[48..]),
            MaxTsRecv = BinaryPrimitives.ReadInt64LittleEndian(source[56..]),
            PayloadCrc = BinaryPrimitives.ReadUInt32LittleEndian(source[64..]),
        };
        detail = header.Validate(blockSize);
        return detail is null;
    }

    private readonly string? Validate(int blockSize)
    {
        if (!Enum.IsDefined(Codec))
            return $"unknown block codec id {(byte)Codec}";
        if (RawLength < JournalFormat.RecordHeaderSize || RawLength > blockSize)
            return $"raw length {RawLength} is outside {JournalFormat.RecordHeaderSize}..{blockSize}";
        if (StoredLength <= 0 || StoredLength > JournalFormat.MaxStoredLength(blockSize))
            return $"stored length {StoredLength} is outside 1..{JournalFormat.MaxStoredLength(blockSize)}";
        if (Codec == BlockCodecId.None && StoredLength != RawLength)
            return $"uncompressed block with stored length {StoredLength} != raw length {RawLength}";
        if (RecordCount <= 0 || RecordCount > RawLength / JournalFormat.RecordHeaderSize)
            return $"record count {RecordCount} impossible for {RawLength} raw bytes";
        if (InputCount < 0 || InputCount > RecordCount)
            return $"input count {InputCount} outside 0..{RecordCount}";
        if (BlockNumber < 0)
            return $"block number {BlockNumber} is negative";
        return null;
    }

    /// <summary>Bytes the block occupies on disk.</summary>
    public readonly long TotalLength => JournalFormat.BlockHeaderSize + (long)StoredLength;
}
