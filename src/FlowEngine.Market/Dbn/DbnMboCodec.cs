using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Moves MBO records between DBN's 56-byte wire layout and the 64-byte <see cref="MboEvent"/>. The decoder is
/// the hot path of every replay: it reads straight from the caller's buffer with unaligned 8-byte loads and
/// writes the event as eight 8-byte stores, so a record costs a handful of instructions and no allocation.
/// </summary>
internal static class DbnMboCodec
{
    // DBN MBO record offsets (rust/dbn MboMsg, identical in v1–v3).
    public const int PublisherIdOffset = 2;
    public const int InstrumentIdOffset = 4;
    public const int TsEventOffset = 8;
    public const int OrderIdOffset = 16;
    public const int PriceOffset = 24;
    public const int SizeOffset = 32;
    public const int FlagsOffset = 36;
    public const int ChannelIdOffset = 37;
    public const int ActionOffset = 38;
    public const int SideOffset = 39;
    public const int TsRecvOffset = 40;
    public const int TsInDeltaOffset = 48;
    public const int SequenceOffset = 52;

    /// <summary>
    /// Decodes the MBO record starting at <paramref name="record"/> into <paramref name="evt"/>. The caller has
    /// checked that at least <see cref="DbnFormat.MboRecordLength"/> bytes are readable there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Decode(ref byte record, ref MboEvent evt)
    {
        if (!BitConverter.IsLittleEndian)
        {
            DecodePortable(ref record, ref evt);
            return;
        }

        ref var dst = ref Unsafe.As<MboEvent, ulong>(ref evt);
        dst = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, TsEventOffset));
        Unsafe.Add(ref dst, 1) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, TsRecvOffset));
        Unsafe.Add(ref dst, 2) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, OrderIdOffset));
        Unsafe.Add(ref dst, 3) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, PriceOffset));
        // InstrumentId | Size
        Unsafe.Add(ref dst, 4) = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, InstrumentIdOffset))
            | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, SizeOffset)) << 32);
        // Sequence | TsInDelta
        Unsafe.Add(ref dst, 5) = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, SequenceOffset))
            | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, TsInDeltaOffset)) << 32);
        // Wire bytes 36..39 are flags, channel, action, side; the event wants publisher(2), channel, action,
        // side, flags, kind (Mbo = 0), padding.
        var tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, FlagsOffset));
        Unsafe.Add(ref dst, 6) = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref record, PublisherIdOffset))
            | ((ulong)(tail >> 8) << 16)
            | ((ulong)(tail & 0xFF) << 40);
        Unsafe.Add(ref dst, 7) = 0; // Aux
    }

    private static void DecodePortable(ref byte record, ref MboEvent evt)
    {
        var span = MemoryMarshal.CreateReadOnlySpan(ref record, DbnFormat.MboRecordLength);
        evt.TsEvent = BinaryPrimitives.ReadInt64LittleEndian(span[TsEventOffset..]);
        evt.TsRecv = BinaryPrimitives.ReadInt64LittleEndian(span[TsRecvOffset..]);
        evt.OrderId = BinaryPrimitives.ReadUInt64LittleEndian(span[OrderIdOffset..]);
        evt.Price = BinaryPrimitives.ReadInt64LittleEndian(span[PriceOffset..]);
        evt.InstrumentId = BinaryPrimitives.ReadUInt32LittleEndian(span[InstrumentIdOffset..]);
        evt.Size = BinaryPrimitives.ReadUInt32LittleEndian(span[SizeOffset..]);
        evt.Sequence = BinaryPrimitives.ReadUInt32LittleEndian(span[SequenceOffset..]);
        evt.TsInDelta = BinaryPrimitives.ReadInt32LittleEndian(span[TsInDeltaOffset..]);
        evt.PublisherId = BinaryPrimitives.ReadUInt16LittleEndian(span[PublisherIdOffset..]);
        evt.ChannelId = span[ChannelIdOffset];
        evt.Action = (MboAction)span[ActionOffset];
        evt.Side = (MboSide)span[SideOffset];
        evt.Flags = (MboFlags)span[FlagsOffset];
        evt.Kind = EventKind.Mbo;
        evt.Aux = 0;
    }

    /// <summary>Encodes <paramref name="evt"/> as a DBN MBO record (header included) into <paramref name="dst"/>.</summary>
    public static void Encode(in MboEvent evt, Span<byte> dst, bool tsOut, ulong tsOutValue)
    {
        var length = DbnFormat.MboRecordLength + (tsOut ? DbnFormat.TsOutLength : 0);
        dst[0] = (byte)(length / 4);
        dst[1] = DbnRType.Mbo;
        BinaryPrimitives.WriteUInt16LittleEndian(dst[PublisherIdOffset..], evt.PublisherId);
        BinaryPrimitives.WriteUInt32LittleEndian(dst[InstrumentIdOffset..], evt.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(dst[TsEventOffset..], evt.TsEvent);
        BinaryPrimitives.WriteUInt64LittleEndian(dst[OrderIdOffset..], evt.OrderId);
        BinaryPrimitives.WriteInt64LittleEndian(dst[PriceOffset..], evt.Price);
        BinaryPrimitives.WriteUInt32LittleEndian(dst[SizeOffset..], evt.Size);
        dst[FlagsOffset] = (byte)evt.Flags;
        dst[ChannelIdOffset] = evt.ChannelId;
        dst[ActionOffset] = (byte)evt.Action;
        dst[SideOffset] = (byte)evt.Side;
        BinaryPrimitives.WriteInt64LittleEndian(dst[TsRecvOffset..], evt.TsRecv);
        BinaryPrimitives.WriteInt32LittleEndian(dst[TsInDeltaOffset..], evt.TsInDelta);
        BinaryPrimitives.WriteUInt32LittleEndian(dst[SequenceOffset..], evt.Sequence);
        if (tsOut)
            BinaryPrimitives.WriteUInt64LittleEndian(dst[DbnFormat.MboRecordLength..], tsOutValue);
    }
}
