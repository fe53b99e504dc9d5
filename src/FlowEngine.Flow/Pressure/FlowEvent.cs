using FlowEngine.Market.Events;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// A sweep or an iceberg refill, as detected from the L3 book, with the input position that completed it so
/// a signal built from it can name its cause. A value type handed to listeners by reference: no allocation.
/// </summary>
public struct FlowEvent
{
    /// <summary>Sweep or iceberg refill.</summary>
    public FlowEventKind Kind;
    /// <summary>Instrument.</summary>
    public uint InstrumentId;
    /// <summary>Sweep: the aggressor's side (Bid = buying). Iceberg: the side the hidden order rests on (Bid = hidden buyer).</summary>
    public MboSide Side;
    /// <summary>ts_recv of the record that completed the event.</summary>
    public long TsRecv;
    /// <summary>Venue sequence of that record.</summary>
    public uint Sequence;
    /// <summary>Position of that record in the tracker's input (0-based count of events fed), the journal position when every ring event is fed.</summary>
    public long InputIndex;
    /// <summary>Sweep: first price traded. Iceberg: the refilled price.</summary>
    public long Price;
    /// <summary>Sweep: last (worst) price traded. Iceberg: same as <see cref="Price"/>.</summary>
    public long LastPrice;
    /// <summary>Best opposite price before a sweep (undefined when that side was empty); the consumed level's price for an iceberg.</summary>
    public long PriorBest;
    /// <summary>Sweep: distinct prices traded. Iceberg: 1.</summary>
    public int Levels;
    /// <summary>Sweep: lots traded. Iceberg: lots re-displayed by this refill.</summary>
    public long Size;
    /// <summary>Sweep: Σ price × size in points × lots. Iceberg: lots traded at the price during the chain, in points × lots.</summary>
    public double Notional;
    /// <summary>Sweep: true when it traded through the prior best. Iceberg: true when the refill re-used the consumed order's id.</summary>
    public bool Flag;
    /// <summary>
    /// Iceberg: true when the refill has the size of the largest order filled at that level, or of the chain's
    /// previous refill, and that size is above <see cref="PressureOptions.IcebergDisplayPercentile"/> of the instrument's adds.
    /// </summary>
    public bool SameSize;
    /// <summary>Iceberg: refills at this price and side in the current chain (1 on the first). Sweep: sweeps by this side on this instrument in the current window so far.</summary>
    public int Count;
    /// <summary>Iceberg: lots traded at this price and side during the chain (the liquidity the hidden order supplied). Sweep: same as <see cref="Size"/>.</summary>
    public long ChainVolume;
}
