using System.Globalization;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// DBN record types (the header's <c>rtype</c> byte). Constants rather than an enum because skip counters
/// are indexed by the raw byte and unknown values must survive untouched.
/// </summary>
public static class DbnRType
{
    /// <summary>Trades (market by price, depth 0).</summary>
    public const byte Mbp0 = 0x00;
    /// <summary>Market by price, depth 1 (also tbbo).</summary>
    public const byte Mbp1 = 0x01;
    /// <summary>Market by price, depth 10.</summary>
    public const byte Mbp10 = 0x0A;
    /// <summary>Deprecated OHLCV record of unspecified cadence.</summary>
    public const byte OhlcvDeprecated = 0x11;
    /// <summary>Trading status.</summary>
    public const byte Status = 0x12;
    /// <summary>Instrument definition.</summary>
    public const byte InstrumentDef = 0x13;
    /// <summary>Auction imbalance.</summary>
    public const byte Imbalance = 0x14;
    /// <summary>Gateway error message.</summary>
    public const byte Error = 0x15;
    /// <summary>Symbol mapping.</summary>
    public const byte SymbolMapping = 0x16;
    /// <summary>Gateway system message or heartbeat.</summary>
    public const byte System = 0x17;
    /// <summary>Publisher statistics.</summary>
    public const byte Statistics = 0x18;
    /// <summary>OHLCV 1 second.</summary>
    public const byte Ohlcv1S = 0x20;
    /// <summary>OHLCV 1 minute.</summary>
    public const byte Ohlcv1M = 0x21;
    /// <summary>OHLCV 1 hour.</summary>
    public const byte Ohlcv1H = 0x22;
    /// <summary>OHLCV 1 day.</summary>
    public const byte Ohlcv1D = 0x23;
    /// <summary>OHLCV end of session.</summary>
    public const byte OhlcvEod = 0x24;
    /// <summary>Market by order: the record FlowEngine decodes into <see cref="Events.MboEvent"/>.</summary>
    public const byte Mbo = 0xA0;
    /// <summary>Consolidated market by price, depth 1.</summary>
    public const byte Cmbp1 = 0xB1;
    /// <summary>Consolidated BBO 1 second.</summary>
    public const byte Cbbo1S = 0xC0;
    /// <summary>Consolidated BBO 1 minute.</summary>
    public const byte Cbbo1M = 0xC1;
    /// <summary>Trades with consolidated BBO.</summary>
    public const byte Tcbbo = 0xC2;
    /// <summary>BBO 1 second.</summary>
    public const byte Bbo1S = 0xC3;
    /// <summary>BBO 1 minute.</summary>
    public const byte Bbo1M = 0xC4;

    /// <summary>A readable name for an rtype, e.g. "mbp-1 (0x01)", for counts and messages.</summary>
    public static string Describe(byte rtype)
    {
        var name = rtype switch
        {
            Mbp0 => "trades",
            Mbp1 => "mbp-1",
            Mbp10 => "mbp-10",
            OhlcvDeprecated => "ohlcv",
            Status => "status",
            InstrumentDef => "definition",
            Imbalance => "imbalance",
            Error => "error",
            SymbolMapping => "symbol mapping",
            System => "system",
            Statistics => "statistics",
            Ohlcv1S => "ohlcv-1s",
            Ohlcv1M => "ohlcv-1m",
            Ohlcv1H => "ohlcv-1h",
            Ohlcv1D => "ohlcv-1d",
            OhlcvEod => "ohlcv-eod",
            Mbo => "mbo",
            Cmbp1 => "cmbp-1",
            Cbbo1S => "cbbo-1s",
            Cbbo1M => "cbbo-1m",
            Tcbbo => "tcbbo",
            Bbo1S => "bbo-1s",
            Bbo1M => "bbo-1m",
            _ => "unknown",
        };
        return name + " (0x" + rtype.ToString("X2", CultureInfo.InvariantCulture) + ")";
    }
}
