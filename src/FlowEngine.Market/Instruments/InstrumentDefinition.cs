namespace FlowEngine.Market.Instruments;

/// <summary>
/// What the engine needs to know about an instrument: its symbol, what kind it is and, for options, how it
/// relates to its underlying (strike, expiry). Market-making and cross-instrument coordination use the
/// option fields to pair calls and puts at the same strike. Definitions are rare, so this is a class kept
/// in a registry off the hot path; events refer to it by <see cref="InstrumentId"/>.
/// </summary>
public sealed record InstrumentDefinition
{
    /// <summary>Numeric id used by every event of this instrument.</summary>
    public required uint InstrumentId { get; init; }

    /// <summary>Venue symbol, e.g. "ESH4" or "ESH4 C4800".</summary>
    public required string RawSymbol { get; init; }

    /// <summary>Future, call, put, ...</summary>
    public InstrumentClass Class { get; init; }

    /// <summary>Strike in units of 1e-9; <see cref="Events.MboEvent.UndefinedPrice"/> when not an option.</summary>
    public long StrikePrice { get; init; } = Events.MboEvent.UndefinedPrice;

    /// <summary>Underlying symbol for derivatives, empty otherwise.</summary>
    public string Underlying { get; init; } = "";

    /// <summary>Expiration, ns since the UNIX epoch; <see cref="long.MaxValue"/> when none.</summary>
    public long Expiration { get; init; } = long.MaxValue;

    /// <summary>Minimum price increment (tick size) in units of 1e-9.</summary>
    public long TickSize { get; init; }

    /// <summary>Contract multiplier in units of 1e-9 (DBN unit_of_measure_qty), 0 when unknown.</summary>
    public long Multiplier { get; init; }

    /// <summary>Trading currency, e.g. "USD"; empty when unknown.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Event time at which this definition was published (DBN ts_recv).</summary>
    public long TsRecv { get; init; }
}
