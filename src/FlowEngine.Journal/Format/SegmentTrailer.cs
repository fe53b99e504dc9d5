using System.Buffers.Binary;

namespace FlowEngine.Journal;

/// <summary>
/// The last 40 bytes of a closed segment: where the index starts, how many blocks and records the segment
/// holds, and whether the writer rolled to another segment or finished the run. Its absence means the
/// writer stopped while the segment was open.
/// </summary>
internal readonly record struct SegmentTrailer(long IndexOffset, long RecordCount, int BlockCount, SegmentTrailerFlags Flags)
{
    public void Write(Span<byte> destination)
    {
        var t = destination[..JournalFormat.TrailerSize];
        BinaryPrimitives.WriteUInt64LittleEndian(t, JournalFormat.TrailerMagic);
        BinaryPrimitives.WriteInt64LittleEndian(t[8..], IndexOffset);
        BinaryPrimitives.WriteInt64LittleEndian(t[16..], RecordCount);
        BinaryPrimitives.WriteInt32LittleEndian(t[24..], BlockCount);
        BinaryPrimitives.WriteUInt32LittleEndian(t[28..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(t[32..], 0);
        JournalFormat.SealCrc(t, 36);
    }

    /// <summary>Parses a trailer; false when the bytes are not a valid trailer (the segment was not closed).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, long segmentLength, out SegmentTrailer trailer)
    {
        trailer = default;
        if (source.Length < JournalFormat.TrailerSize ||
            BinaryPrimitives.ReadUInt64LittleEndian(source) != JournalFormat.TrailerMagic ||
            !JournalFormat.CheckCrc(source[..JournalFormat.TrailerSize], 36))
            return false;
        trailer = new SegmentTrailer(
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            (SegmentTrailerFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[28..]));
        var expectedIndexEnd = trailer.IndexOffset + JournalFormat.IndexHeaderSize +
                               (long)trailer.BlockCount * JournalFormat.IndexEntrySize;
        return trailer.IndexOffset >= JournalFormat.HeaderSize && trailer.BlockCount >= 0 && trailer.RecordCount >= 0 &&
               expectedIndexEnd == segmentLength - JournalFormat.TrailerSize;
    }
}
