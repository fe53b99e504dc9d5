namespace FlowEngine.Market.Instruments;

/// <summary>Instrument class as DBN encodes it (an ASCII character), so definitions round-trip exactly.</summary>
public enum InstrumentClass : byte
{
    /// <summary>Unknown or not given.</summary>
    Unknown = 0,
    /// <summary>Bond ('B').</summary>
    Bond = (byte)'B',
    /// <summary>Call option ('C').</summary>
    Call = (byte)'C',
    /// <summary>Future ('F').</summary>
    Future = (byte)'F',
    /// <summary>Stock ('K').</summary>
    Stock = (byte)'K',
    /// <summary>Mixed spread ('M').</summary>
    MixedSpread = (byte)'M',
    /// <summary>Put option ('P').</summary>
    Put = (byte)'P',
    /// <summary>Future spread ('S').</summary>
    FutureSpread = (byte)'S',
    /// <summary>Option spread ('T').</summary>
    OptionSpread = (byte)'T',
    /// <summary>FX spot ('X').</summary>
    FxSpot = (byte)'X',
    /// <summary>Commodity spot ('Y').</summary>
    CommoditySpot = (byte)'Y',
}
