using System.Buffers.Binary;
using System.Globalization;
using FlowEngine.Book;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Outputs;

/// <summary>
/// The payload of a <see cref="JournalOutputKinds.TopOfBook"/> output: an instrument's consistent top of book
/// after the input that moved it. Fixed 56 bytes, little-endian, integers only, so journaled and recomputed
/// outputs compare byte for byte.
/// </summary>
/// <remarks>
/// Layout: instrument_id u32, reserved u32 (0), ts_recv i64 (of the causing input), bid_px i64, bid_sz i64,
/// ask_px i64, ask_sz i64, bid_ct i32, ask_ct i32. Prices in 1e-9; an empty side has price i64::MAX, size 0, count 0.
/// </remarks>
public readonly record struct TopOfBookOutput(uint InstrumentId, long TsRecv, TopOfBook Top)
{
    /// <summary>Payload size in bytes.</summary>
    public const int Size = 56;

    /// <summary>Writes the payload into <paramref name="destination"/> (at least <see cref="Size"/> bytes). Allocation-free.</summary>
    public void Write(Span<byte> destination)
    {
        var d = destination[..Size];
        BinaryPrimitives.WriteUInt32LittleEndian(d, InstrumentId);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(d[8..], TsRecv);
        BinaryPrimitives.WriteInt64LittleEndian(d[16..], Top.BidPrice);
        BinaryPrimitives.WriteInt64LittleEndian(d[24..], Top.BidSize);
        BinaryPrimitives.WriteInt64LittleEndian(d[32..], Top.AskPrice);
        BinaryPrimitives.WriteInt64LittleEndian(d[40..], Top.AskSize);
        BinaryPrimitives.WriteInt32LittleEndian(d[48..], Top.BidCount);
        BinaryPrimitives.WriteInt32LittleEndian(d[52..], Top.AskCount);
    }

    /// <summary>Reads a payload; throws <see cref="InvalidDataException"/> when it is not <see cref="Size"/> bytes.</summary>
    public static TopOfBookOutput Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length != Size)
            throw new InvalidDataException($"top-of-book output payload is {payload.Length} bytes, expected {Size}");
        var top = new TopOfBook(
            BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
            BinaryPrimitives.ReadInt32LittleEndian(payload[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[40..]),
            BinaryPrimitives.ReadInt32LittleEndian(payload[52..]));
        return new TopOfBookOutput(BinaryPrimitives.ReadUInt32LittleEndian(payload), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]), top);
    }

    /// <summary>One readable line, e.g. <c>instrument 17077 ts_recv 1703…: bid 4810.00 x 12 (3 orders) / ask 4810.25 x 5 (2 orders)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"instrument {InstrumentId} ts_recv {TsRecv}: bid {Side(Top.BidPrice, Top.BidSize, Top.BidCount)} / ask {Side(Top.AskPrice, Top.AskSize, Top.AskCount)}");

    private static string Side(long price, long size, int count) =>
        count == 0 && size == 0 ? "empty" : string.Create(CultureInfo.InvariantCulture, $"{PriceFormat.ToDecimal(price)} x {size} ({count} orders)");
}
