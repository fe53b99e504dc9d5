using System.Buffers.Binary;
using System.Text;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Decodes instrument definition records (rtype 0x13) of DBN v1, v2 and v3 into <see cref="InstrumentDefinition"/>
/// and encodes them back. Cold path: definitions arrive once per instrument, so allocating the strings is fine.
/// </summary>
internal static class DbnDefinitionCodec
{
    /// <summary>Decodes a complete definition record laid out as DBN <paramref name="version"/>.</summary>
    public static InstrumentDefinition Decode(ReadOnlySpan<byte> record, byte version)
    {
        var layout = DbnDefinitionLayout.For(version);
        var expiration = BinaryPrimitives.ReadUInt64LittleEndian(record[DbnDefinitionLayout.Expiration..]);
        return new InstrumentDefinition
        {
            InstrumentId = BinaryPrimitives.ReadUInt32LittleEndian(record[DbnMboCodec.InstrumentIdOffset..]),
            TsRecv = BinaryPrimitives.ReadInt64LittleEndian(record[DbnDefinitionLayout.TsRecv..]),
            TickSize = BinaryPrimitives.ReadInt64LittleEndian(record[DbnDefinitionLayout.MinPriceIncrement..]),
            Expiration = expiration == DbnFormat.UndefinedTimestamp ? long.MaxValue : (long)expiration,
            Multiplier = BinaryPrimitives.ReadInt64LittleEndian(record[layout.UnitOfMeasureQty..]),
            StrikePrice = BinaryPrimitives.ReadInt64LittleEndian(record[layout.StrikePrice..]),
            Currency = CString(record.Slice(layout.Currency, DbnDefinitionLayout.CurrencyLength)),
            RawSymbol = CString(record.Slice(layout.RawSymbol, layout.SymbolLength)),
            Underlying = CString(record.Slice(layout.Underlying, DbnDefinitionLayout.UnderlyingLength)),
            Class = (InstrumentClass)record[layout.InstrumentClass],
        };
    }

    /// <summary>
    /// Encodes <paramref name="definition"/> as a definition record of DBN <paramref name="version"/> into
    /// <paramref name="dst"/> (which must be zeroed and long enough). Fields FlowEngine does not model are
    /// written as Databento's "undefined" values.
    /// </summary>
    public static int Encode(InstrumentDefinition definition, byte version, ushort publisherId, long tsEvent,
        Span<byte> dst, bool tsOut, ulong tsOutValue)
    {
        var layout = DbnDefinitionLayout.For(version);
        var length = layout.Length + (tsOut ? DbnFormat.TsOutLength : 0);
        dst = dst[..length];
        dst[0] = (byte)(length / 4);
        dst[1] = DbnRType.InstrumentDef;
        BinaryPrimitives.WriteUInt16LittleEndian(dst[DbnMboCodec.PublisherIdOffset..], publisherId);
        BinaryPrimitives.WriteUInt32LittleEndian(dst[DbnMboCodec.InstrumentIdOffset..], definition.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(dst[DbnMboCodec.TsEventOffset..], tsEvent);
        BinaryPrimitives.WriteInt64LittleEndian(dst[DbnDefinitionLayout.TsRecv..], definition.TsRecv);
        BinaryPrimitives.WriteInt64LittleEndian(dst[DbnDefinitionLayout.MinPriceIncrement..], definition.TickSize);
        BinaryPrimitives.WriteInt64LittleEndian(dst[DbnDefinitionLayout.DisplayFactor..], 1_000_000_000);
        BinaryPrimitives.WriteUInt64LittleEndian(dst[DbnDefinitionLayout.Expiration..],
            definition.Expiration == long.MaxValue ? DbnFormat.UndefinedTimestamp : (ulong)definition.Expiration);
        BinaryPrimitives.WriteUInt64LittleEndian(dst[DbnDefinitionLayout.Activation..], DbnFormat.UndefinedTimestamp);
        foreach (var offset in layout.UndefinedPriceOffsets)
            BinaryPrimitives.WriteInt64LittleEndian(dst[offset..], MboEvent.UndefinedPrice);
        BinaryPrimitives.WriteInt64LittleEndian(dst[layout.UnitOfMeasureQty..], definition.Multiplier);
        BinaryPrimitives.WriteInt64LittleEndian(dst[layout.StrikePrice..], definition.StrikePrice);
        WriteCString(dst.Slice(layout.Currency, DbnDefinitionLayout.CurrencyLength), definition.Currency, "currency");
        WriteCString(dst.Slice(layout.RawSymbol, layout.SymbolLength), definition.RawSymbol, "raw symbol");
        WriteCString(dst.Slice(layout.Underlying, DbnDefinitionLayout.UnderlyingLength), definition.Underlying, "underlying");
        dst[layout.InstrumentClass] = (byte)definition.Class;
        dst[layout.SecurityUpdateAction] = (byte)'A';
        if (tsOut)
            BinaryPrimitives.WriteUInt64LittleEndian(dst[layout.Length..], tsOutValue);
        return length;
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
    }

    private static void WriteCString(Span<byte> dst, string value, string field)
    {
        if (value.Length > dst.Length - 1 || !Ascii.IsValid(value))
            throw new ArgumentException($"instrument {field} \"{value}\" must be ASCII and at most {dst.Length - 1} characters to fit DBN");
        Encoding.ASCII.GetBytes(value, dst);
    }
}
