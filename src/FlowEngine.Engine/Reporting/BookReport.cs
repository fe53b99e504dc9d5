namespace FlowEngine.Engine.Reporting;

/// <summary>
/// One instrument's book at the end of the run: enough to compare with a known answer or with another run
/// without replaying (e.g. the ES day ends at 922 bid / 565 ask levels, 4810.00 / 4810.25).
/// </summary>
public sealed record BookReport
{
    /// <summary>Instrument id.</summary>
    public uint InstrumentId { get; init; }

    /// <summary>Raw symbol from the instrument definition, when one was seen.</summary>
    public string? Symbol { get; init; }

    /// <summary>Bid price levels.</summary>
    public int BidLevels { get; init; }

    /// <summary>Ask price levels.</summary>
    public int AskLevels { get; init; }

    /// <summary>Live bid orders.</summary>
    public int BidOrders { get; init; }

    /// <summary>Live ask orders.</summary>
    public int AskOrders { get; init; }

    /// <summary>Best bid as a decimal (e.g. <c>4810.00</c>), null when the bid side is empty.</summary>
    public string? BestBid { get; init; }

    /// <summary>Best ask as a decimal, null when the ask side is empty.</summary>
    public string? BestAsk { get; init; }

    /// <summary>MBO records applied to this book.</summary>
    public long Events { get; init; }

    /// <summary>ts_recv of the last record applied (ns since the epoch).</summary>
    public long LastTsRecv { get; init; }
}
