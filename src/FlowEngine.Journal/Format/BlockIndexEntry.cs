using System.Buffers.Binary;

namespace FlowEngine.Journal;

/// <summary>
/// One block's entry in a segment's sparse index: where it starts and which sequences and ts_recv values it
/// covers. A seek picks the first block whose maximum reaches the target, which is correct even when the
/// values are not monotonic (earlier blocks all stay below the target).
/// </summary>
public readonly record struct BlockIndexEntry(
    long Offset,
    long BlockNumber,
    long FirstSequence,
    long LastSequence,
    long MinTsRecv,
    long MaxTsRecv,
    int RecordCount,
    int InputCount)
{
    internal static BlockIndexEntry From(long offset, in BlockHeader h) => new(
        offset, h.BlockNumber, h.FirstSequence, h.LastSequence, h.MinTsRecv, h.MaxTsRecv, h.RecordCount, h.InputCount);

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, Offset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], BlockNumber);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], FirstSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], LastSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], MinTsRecv);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], MaxTsRecv);
        BinaryPrimitives.WriteInt32LittleEndian(destination[48..], RecordCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[52..], InputCount);
    }

    internal static BlockIndexEntry Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[40..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[48..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[52..]));
}
