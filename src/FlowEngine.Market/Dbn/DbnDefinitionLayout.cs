namespace FlowEngine.Market.Dbn;

/// <summary>
/// Where the fields FlowEngine uses sit in an instrument definition record (rtype 0x13). The record was
/// reshaped in each DBN version (v1 360 bytes, v2 400, v3 520), so offsets are per version; they are
/// derived from Databento's InstrumentDefMsgV1/V2/V3 structs (repr(C), no implicit padding).
/// </summary>
internal sealed class DbnDefinitionLayout
{
    private static readonly DbnDefinitionLayout V1 = new()
    {
        Length = 360, UnitOfMeasureQty = 88, StrikePrice = 328, Currency = 186, RawSymbol = 200, SymbolLength = 22,
        Underlying = 300, InstrumentClass = 325, SecurityUpdateAction = 349,
        UndefinedPriceOffsets = [56, 64, 72, 80, 96, 104],
    };

    private static readonly DbnDefinitionLayout V2 = new()
    {
        Length = 400, UnitOfMeasureQty = 88, StrikePrice = 112, Currency = 186, RawSymbol = 200, SymbolLength = 71,
        Underlying = 349, InstrumentClass = 374, SecurityUpdateAction = 382,
        UndefinedPriceOffsets = [56, 64, 72, 80, 96, 104],
    };

    private static readonly DbnDefinitionLayout V3 = new()
    {
        Length = 520, UnitOfMeasureQty = 80, StrikePrice = 104, Currency = 224, RawSymbol = 238, SymbolLength = 71,
        Underlying = 391, InstrumentClass = 487, SecurityUpdateAction = 493,
        UndefinedPriceOffsets = [56, 64, 72, 88, 96, 120, 128],
    };

    // Offsets shared by every version.
    public const int TsRecv = 16;
    public const int MinPriceIncrement = 24;
    public const int DisplayFactor = 32;
    public const int Expiration = 40;
    public const int Activation = 48;
    public const int CurrencyLength = 4;
    public const int UnderlyingLength = 21;

    public required int Length { get; init; }
    public required int UnitOfMeasureQty { get; init; }
    public required int StrikePrice { get; init; }
    public required int Currency { get; init; }
    public required int RawSymbol { get; init; }
    public required int SymbolLength { get; init; }
    public required int Underlying { get; init; }
    public required int InstrumentClass { get; init; }
    public required int SecurityUpdateAction { get; init; }

    /// <summary>Price fields FlowEngine does not carry; the writer marks them undefined (i64::MAX) as Databento does.</summary>
    public required int[] UndefinedPriceOffsets { get; init; }

    public static DbnDefinitionLayout For(byte version) => version switch
    {
        1 => V1,
        2 => V2,
        _ => V3,
    };
}
