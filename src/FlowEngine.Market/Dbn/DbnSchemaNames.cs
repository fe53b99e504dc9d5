namespace FlowEngine.Market.Dbn;

/// <summary>Databento's spelling of schema and symbology names, so messages and <c>dbn info</c> use the words users know.</summary>
public static class DbnSchemaNames
{
    /// <summary>The raw u16 value meaning "mixed schemas" (Databento's NULL_SCHEMA).</summary>
    public const ushort MixedSchemaValue = 0xFFFF;

    /// <summary>The raw u8 value meaning "no input symbology" (Databento's NULL_STYPE).</summary>
    public const byte NullSTypeValue = 0xFF;

    /// <summary>Databento's name of a schema, e.g. "mbp-10"; "mixed" for null; "schema N" when unknown.</summary>
    public static string Name(DbnSchema? schema) => schema switch
    {
        null => "mixed",
        DbnSchema.Mbo => "mbo",
        DbnSchema.Mbp1 => "mbp-1",
        DbnSchema.Mbp10 => "mbp-10",
        DbnSchema.Tbbo => "tbbo",
        DbnSchema.Trades => "trades",
        DbnSchema.Ohlcv1S => "ohlcv-1s",
        DbnSchema.Ohlcv1M => "ohlcv-1m",
        DbnSchema.Ohlcv1H => "ohlcv-1h",
        DbnSchema.Ohlcv1D => "ohlcv-1d",
        DbnSchema.Definition => "definition",
        DbnSchema.Statistics => "statistics",
        DbnSchema.Status => "status",
        DbnSchema.Imbalance => "imbalance",
        DbnSchema.OhlcvEod => "ohlcv-eod",
        DbnSchema.Cmbp1 => "cmbp-1",
        DbnSchema.Cbbo1S => "cbbo-1s",
        DbnSchema.Cbbo1M => "cbbo-1m",
        DbnSchema.Tcbbo => "tcbbo",
        DbnSchema.Bbo1S => "bbo-1s",
        DbnSchema.Bbo1M => "bbo-1m",
        _ => "schema " + ((ushort)schema.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Databento's name of a symbology type, e.g. "raw_symbol"; "none" for null.</summary>
    public static string Name(DbnSType? stype) => stype switch
    {
        null => "none",
        DbnSType.InstrumentId => "instrument_id",
        DbnSType.RawSymbol => "raw_symbol",
        DbnSType.Smart => "smart",
        DbnSType.Continuous => "continuous",
        DbnSType.Parent => "parent",
        DbnSType.NasdaqSymbol => "nasdaq_symbol",
        DbnSType.CmsSymbol => "cms_symbol",
        DbnSType.Isin => "isin",
        DbnSType.UsCode => "us_code",
        DbnSType.BbgCompId => "bbg_comp_id",
        DbnSType.BbgCompTicker => "bbg_comp_ticker",
        DbnSType.Figi => "figi",
        DbnSType.FigiTicker => "figi_ticker",
        _ => "stype " + ((byte)stype.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>True when the value is a schema this library knows by name.</summary>
    public static bool IsKnown(DbnSchema schema) => (ushort)schema <= (ushort)DbnSchema.Bbo1M;
}
