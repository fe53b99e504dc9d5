namespace FlowEngine.Market.Dbn;

/// <summary>DBN symbology types (metadata <c>stype_in</c>/<c>stype_out</c>), numerically identical to Databento's.</summary>
public enum DbnSType : byte
{
    /// <summary>Numeric instrument id.</summary>
    InstrumentId = 0,
    /// <summary>The publisher's own symbol, e.g. "ESH4".</summary>
    RawSymbol = 1,
    /// <summary>Deprecated "smart" symbology.</summary>
    Smart = 2,
    /// <summary>Continuous contract, e.g. "ES.c.0".</summary>
    Continuous = 3,
    /// <summary>Parent symbol, e.g. "ES.FUT".</summary>
    Parent = 4,
    /// <summary>Nasdaq Integrated symbol.</summary>
    NasdaqSymbol = 5,
    /// <summary>CMS symbol.</summary>
    CmsSymbol = 6,
    /// <summary>ISIN.</summary>
    Isin = 7,
    /// <summary>CUSIP / US code.</summary>
    UsCode = 8,
    /// <summary>Bloomberg composite id.</summary>
    BbgCompId = 9,
    /// <summary>Bloomberg composite ticker.</summary>
    BbgCompTicker = 10,
    /// <summary>FIGI.</summary>
    Figi = 11,
    /// <summary>FIGI ticker.</summary>
    FigiTicker = 12,
}
