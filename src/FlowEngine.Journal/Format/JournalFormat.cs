using System.Buffers.Binary;

namespace FlowEngine.Journal;

/// <summary>
/// The on-disk layout, in one place. A run directory holds <c>segment-NNNNNN.fej</c> files. Each segment is
/// <c>[segment header 256 B][block]*[index][trailer 40 B]</c>; the index and trailer are written when the
/// segment is closed (roll or clean shutdown), so a segment without them was open when the writer stopped
/// and is read by scanning its block headers. All integers are little-endian.
/// </summary>
internal static class JournalFormat
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>File-name prefix and extension of a segment.</summary>
    public const string SegmentPrefix = "segment-";
    public const string SegmentExtension = ".fej";
    public const string SegmentPattern = SegmentPrefix + "*" + SegmentExtension;

    // Segment header (256 bytes, CRC32C of bytes 0..252 at 252).
    public const int HeaderSize = 256;
    public static ReadOnlySpan<byte> HeaderMagic => "FLOWJRNL"u8;
    public const int HeaderVersionOffset = 8;
    public const int HeaderCrcOffset = 252;
    public const int MaxTextLength = 63;

    // Block header (72 bytes). Its own CRC (bytes 0..68 at 68) lets a reader tell a damaged header from a
    // damaged payload and trust the stored length it uses to step to the next block.
    public const int BlockHeaderSize = 72;
    public const uint BlockMagic = 0x4B424546; // "FEBK"
    public const int BlockHeaderCrcOffset = 68;

    // Index region: 16-byte header (magic, count, entries CRC, header CRC) then 56-byte entries.
    public const int IndexHeaderSize = 16;
    public const uint IndexMagic = 0x58494546; // "FEIX"
    public const int IndexEntrySize = 56;

    // Trailer (40 bytes, the last bytes of a closed segment).
    public const int TrailerSize = 40;
    public const ulong TrailerMagic = 0x4C49415254454A46; // "FJETRAIL"

    // Records inside a raw block: a 16-byte header word pair, then the payload padded to 8 bytes.
    public const int RecordHeaderSize = 16;
    public const ushort InputRecordType = 1;
    public const ushort OutputRecordType = 2;
    public const int InputRecordSize = RecordHeaderSize + Market.Events.MboEvent.ByteSize;

    // Limits that bound every allocation a reader makes from header fields, so garbage cannot ask for gigabytes.
    public const int MinBlockSize = 256;
    public const int MaxBlockSize = 4 * 1024 * 1024;
    public const long MinSegmentSize = 512;

    /// <summary>First word of an input record: type 1, kind 0, length 64.</summary>
    public const ulong InputHeaderWord = InputRecordType | ((ulong)Market.Events.MboEvent.ByteSize << 32);

    /// <summary>LZ4's LZ4_COMPRESSBOUND, computed here so readers can bound a block without loading liblz4.</summary>
    public static int Lz4Bound(int rawLength) => rawLength + rawLength / 255 + 16;

    /// <summary>The largest stored payload a block of at most <paramref name="blockSize"/> raw bytes can have.</summary>
    public static int MaxStoredLength(int blockSize) => Lz4Bound(blockSize);

    /// <summary>Record size on disk for a payload of <paramref name="payloadLength"/> bytes (8-byte aligned).</summary>
    public static int RecordSize(int payloadLength) => (RecordHeaderSize + payloadLength + 7) & ~7;

    /// <summary>The file name of segment <paramref name="index"/>.</summary>
    public static string SegmentFileName(int index) => $"{SegmentPrefix}{index:D6}{SegmentExtension}";

    /// <summary>Parses a segment index out of a file name; false for files that are not segments.</summary>
    public static bool TryParseSegmentFileName(string fileName, out int index)
    {
        index = -1;
        if (!fileName.StartsWith(SegmentPrefix, StringComparison.Ordinal) ||
            !fileName.EndsWith(SegmentExtension, StringComparison.Ordinal))
            return false;
        var digits = fileName.AsSpan(SegmentPrefix.Length, fileName.Length - SegmentPrefix.Length - SegmentExtension.Length);
        if (digits.Length < 6 || digits.Length > 9)
            return false;
        foreach (var ch in digits)
        {
            if (ch is < '0' or > '9')
                return false;
        }
        index = int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Writes the CRC of <c>span[..crcOffset]</c> at <paramref name="crcOffset"/>.</summary>
    public static void SealCrc(Span<byte> span, int crcOffset) =>
        BinaryPrimitives.WriteUInt32LittleEndian(span[crcOffset..], Crc32C.Compute(span[..crcOffset]));

    /// <summary>True when the CRC at <paramref name="crcOffset"/> matches <c>span[..crcOffset]</c>.</summary>
    public static bool CheckCrc(ReadOnlySpan<byte> span, int crcOffset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(span[crcOffset..]) == Crc32C.Compute(span[..crcOffset]);
}
