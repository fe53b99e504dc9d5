namespace FlowEngine.Market.Dbn;

/// <summary>
/// DBN's schema numbers (metadata <c>schema</c>, u16). Kept numerically identical to Databento's so a file's
/// metadata decodes with a cast and error messages can name the schema the user asked Databento for.
/// </summary>
public enum DbnSchema : ushort
{
    /// <summary>Market by order: the only schema whose records FlowEngine turns into events.</summary>
    Mbo = 0,
    /// <summary>Market by price, depth 1.</summary>
    Mbp1 = 1,
    /// <summary>Market by price, depth 10.</summary>
    Mbp10 = 2,
    /// <summary>Trades with the BBO before them.</summary>
    Tbbo = 3,
    /// <summary>Trades.</summary>
    Trades = 4,
    /// <summary>OHLCV bars, 1 second.</summary>
    Ohlcv1S = 5,
    /// <summary>OHLCV bars, 1 minute.</summary>
    Ohlcv1M = 6,
    /// <summary>OHLCV bars, 1 hour.</summary>
    Ohlcv1H = 7,
    /// <summary>OHLCV bars, 1 day (UTC).</summary>
    Ohlcv1D = 8,
    /// <summary>Instrument definitions (read by FlowEngine into the instrument registry).</summary>
    Definition = 9,
    /// <summary>Publisher statistics.</summary>
    Statistics = 10,
    /// <summary>Trading status.</summary>
    Status = 11,
    /// <summary>Auction imbalance.</summary>
    Imbalance = 12,
    /// <summary>OHLCV bars, end of trading session.</summary>
    OhlcvEod = 13,
    /// <summary>Consolidated market by price, depth 1.</summary>
    Cmbp1 = 14,
    /// <summary>Consolidated BBO, 1 second.</summary>
    Cbbo1S = 15,
    /// <summary>Consolidated BBO, 1 minute.</summary>
    Cbbo1M = 16,
    /// <summary>Trades with the consolidated BBO before them.</summary>
    Tcbbo = 17,
    /// <summary>BBO, 1 second.</summary>
    Bbo1S = 18,
    /// <summary>BBO, 1 minute.</summary>
    Bbo1M = 19,
}
