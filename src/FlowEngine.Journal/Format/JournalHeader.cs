using System.Buffers.Binary;
using System.Text;

namespace FlowEngine.Journal;

/// <summary>
/// The versioned header at the start of every segment: which run, which format, how it was written. Each
/// segment repeats the run fields so any single file identifies itself, and carries its own index and the
/// global number of its first block so a missing segment or a cut-off one shows up as a gap.
/// </summary>
public sealed record JournalHeader
{
    /// <summary>On-disk format version of the segment.</summary>
    public ushort FormatVersion { get; init; } = JournalFormat.CurrentVersion;

    /// <summary>Position of the segment in the run (0, 1, 2, …), also encoded in its file name.</summary>
    public int SegmentIndex { get; init; }

    /// <summary>Global number (across segments) of the segment's first block.</summary>
    public long FirstBlockNumber { get; init; }

    /// <summary>Run identifier; also the run directory's name.</summary>
    public string RunId { get; init; } = "";

    /// <summary>
    /// Wall-clock creation time of the run in ns since the UNIX epoch: read once when the writer starts,
    /// for people; never part of any compared output.
    /// </summary>
    public long CreatedUnixNanos { get; init; }

    /// <summary>Version of the engine that wrote the run.</summary>
    public string EngineVersion { get; init; } = "";

    /// <summary>Hash of the engine configuration, so replay can tell whether it runs the same configuration.</summary>
    public ulong ConfigHash { get; init; }

    /// <summary>The codec the writer used for blocks (individual blocks that do not compress are stored raw).</summary>
    public BlockCodecId Compression { get; init; }

    /// <summary>liblz4 version used by the writer (LZ4_versionNumber), 0 when uncompressed.</summary>
    public int Lz4Version { get; init; }

    /// <summary>The writer's durability policy, recorded so an operator knows what a crash could have cost.</summary>
    public DurabilityPolicy Durability { get; init; }

    /// <summary>Raw capacity of a block in bytes; bounds every block in the segment.</summary>
    public int BlockSize { get; init; }

    /// <summary>Largest output payload in bytes.</summary>
    public int MaxOutputPayload { get; init; }

    /// <summary>Segment size at which the writer rolls to a new segment.</summary>
    public long SegmentSize { get; init; }

    /// <summary>The creation time as a UTC timestamp (for display).</summary>
    public DateTimeOffset CreatedUtc => DateTimeOffset.UnixEpoch.AddTicks(CreatedUnixNanos / 100);

    internal void Write(Span<byte> destination)
    {
        var h = destination[..JournalFormat.HeaderSize];
        h.Clear();
        JournalFormat.HeaderMagic.CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], JournalFormat.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], SegmentIndex);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], FirstBlockNumber);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], CreatedUnixNanos);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], ConfigHash);
        h[40] = (byte)Compression;
        h[41] = (byte)Durability;
        BinaryPrimitives.WriteInt32LittleEndian(h[44..], Lz4Version);
        BinaryPrimitives.WriteInt32LittleEndian(h[48..], BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[52..], MaxOutputPayload);
        BinaryPrimitives.WriteInt64LittleEndian(h[56..], SegmentSize);
        WriteText(h[64..128], RunId);
        WriteText(h[128..192], EngineVersion);
        JournalFormat.SealCrc(h, JournalFormat.HeaderCrcOffset);
    }

    /// <summary>
    /// Parses and validates a segment header. Checks run in an order that gives the most useful answer:
    /// magic first (is this a journal at all), then the version (a newer format may have a different layout,
    /// so its CRC means nothing to us), then the CRC, then field ranges.
    /// </summary>
    internal static JournalHeader? TryParse(ReadOnlySpan<byte> source, out JournalProblemKind kind, out string detail)
    {
        kind = JournalProblemKind.BadHeader;
        if (source.Length < JournalFormat.HeaderSize)
        {
            detail = $"segment header is {source.Length} bytes, expected {JournalFormat.HeaderSize}";
            return null;
        }
        var h = source[..JournalFormat.HeaderSize];
        if (!h[..8].SequenceEqual(JournalFormat.HeaderMagic))
        {
            detail = "segment header has no FLOWJRNL magic (not a FlowEngine journal segment)";
            return null;
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
        if (version > JournalFormat.CurrentVersion)
        {
            kind = JournalProblemKind.FutureVersion;
            detail = $"format version {version} is newer than this build reads (up to {JournalFormat.CurrentVersion}); use a newer flowengine";
            return null;
        }
        if (!JournalFormat.CheckCrc(h, JournalFormat.HeaderCrcOffset))
        {
            detail = "segment header CRC32C mismatch";
            return null;
        }
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
        if (headerSize != JournalFormat.HeaderSize)
        {
            detail = $"segment header size {headerSize}, expected {JournalFormat.HeaderSize}";
            return null;
        }
        var header = new JournalHeader
        {
            FormatVersion = version,
            SegmentIndex = BinaryPrimitives.ReadInt32LittleEndian(h[12..]),
            FirstBlockNumber = BinaryPrimitives.ReadInt64LittleEndian(h[16..]),
            CreatedUnixNanos = BinaryPrimitives.ReadInt64LittleEndian(h[24..]),
            ConfigHash = BinaryPrimitives.ReadUInt64LittleEndian(h[32..]),
            Compression = (BlockCodecId)h[40],
            Durability = (DurabilityPolicy)h[41],
            Lz4Version = BinaryPrimitives.ReadInt32LittleEndian(h[44..]),
            BlockSize = BinaryPrimitives.ReadInt32LittleEndian(h[48..]),
            MaxOutputPayload = BinaryPrimitives.ReadInt32LittleEndian(h[52..]),
            SegmentSize = BinaryPrimitives.ReadInt64LittleEndian(h[56..]),
            RunId = ReadText(h[64..128]),
            EngineVersion = ReadText(h[128..192]),
        };
        detail = header.Validate() ?? "";
        return detail.Length == 0 ? header : null;
    }

    private string? Validate()
    {
        if (FormatVersion == 0)
            return "format version 0 is not a valid version";
        if (SegmentIndex < 0)
            return $"segment index {SegmentIndex} is negative";
        if (FirstBlockNumber < 0)
            return $"first block number {FirstBlockNumber} is negative";
        if (BlockSize is < JournalFormat.MinBlockSize or > JournalFormat.MaxBlockSize)
            return $"block size {BlockSize} is outside {JournalFormat.MinBlockSize}..{JournalFormat.MaxBlockSize}";
        if (MaxOutputPayload < 0 || JournalFormat.RecordSize(MaxOutputPayload) > BlockSize)
            return $"max output payload {MaxOutputPayload} does not fit a block of {BlockSize} bytes";
        if (!Enum.IsDefined(Compression))
            return $"unknown compression id {(byte)Compression}";
        if (!Enum.IsDefined(Durability))
            return $"unknown durability policy {(byte)Durability}";
        if (RunId.Length == 0)
            return "run id is empty";
        return null;
    }

    private static void WriteText(Span<byte> field, string text)
    {
        var count = Encoding.UTF8.GetBytes(text, field[1..]);
        field[0] = (byte)count;
    }

    private static string ReadText(ReadOnlySpan<byte> field)
    {
        var count = Math.Min((int)field[0], field.Length - 1);
        return Encoding.UTF8.GetString(field.Slice(1, count));
    }
}
