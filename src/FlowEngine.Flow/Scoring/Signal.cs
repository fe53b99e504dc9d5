using FlowEngine.Flow.Baselines;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// One IFD output: what was detected, where, which way, how confident, and every factor that produced the
/// confidence, plus the input position and time that completed the evidence, so a user can see why and a
/// replay can prove it produced the same thing. A fixed-layout value: <see cref="SignalCodec"/> turns it into
/// exactly <see cref="SignalCodec.EncodedSize"/> bytes (what the journal stores and parity compares) and
/// <see cref="SignalText"/> into a line for humans. Prices are 1e-9 units, sizes lots, times ns since the epoch.
/// </summary>
public record struct Signal
{
    /// <summary>Position of the completing event in the scorer's input (the tracker's input index; the journal position when every ring event is fed).</summary>
    public long InputIndex;
    /// <summary>ts_recv of the completing event: the record for sweeps and icebergs, the window end (boundary) for windows.</summary>
    public long TsRecv;
    /// <summary>Venue sequence of the completing record (0 for windows closed by time).</summary>
    public uint Sequence;
    /// <summary>Instrument.</summary>
    public uint InstrumentId;
    /// <summary>What evidence produced it.</summary>
    public SignalKind Kind;
    /// <summary>Which way.</summary>
    public SignalDirection Direction;
    /// <summary>Confidence band.</summary>
    public SignalGrade Grade;
    /// <summary>Recommended reaction.</summary>
    public SignalAction Action;
    /// <summary>Whether the baseline figures are real or still warming up.</summary>
    public BaselineStatus BaselineStatus;
    /// <summary>Caps applied and notable facts.</summary>
    public SignalFlags Flags;
    /// <summary>Start of the evidence: the window start, or <see cref="TsRecv"/> for sweeps and icebergs.</summary>
    public long EvidenceStartNs;
    /// <summary>Window length for window signals; the baseline window for sweeps and icebergs.</summary>
    public long WindowNs;
    /// <summary>Sweep: first price; iceberg: its price; window: the mid at the close (rounded down; 0 without a quote).</summary>
    public long Price;
    /// <summary>Sweep: lots; iceberg: lots traded against it in the chain; absorption: lots absorbed; aggressive: |net| lots.</summary>
    public long Size;
    /// <summary>Sweep: levels; iceberg: refills in the chain; window: aggressor events.</summary>
    public int Levels;
    /// <summary>Sweep: sweeps by this side in the chain; iceberg: 1 when the refill re-used the order id; window: large adds.</summary>
    public int Count;
    /// <summary>Aggressor buy lots in the window (open window for sweeps and icebergs).</summary>
    public long BuyVolume;
    /// <summary>Aggressor sell lots in the window.</summary>
    public long SellVolume;
    /// <summary>OFI at the best over the window.</summary>
    public long OfiBest;
    /// <summary>OFI over the top levels over the window.</summary>
    public long OfiDepth;
    /// <summary>Session cumulative volume delta at the signal.</summary>
    public long Cvd;
    /// <summary>Weighted combination of the factors, in [0, 1].</summary>
    public double Confidence;
    /// <summary>Pressure factor in [0, 1].</summary>
    public double PressureSignificance;
    /// <summary>Baseline factor in [0, 1] (0 while warming up).</summary>
    public double BaselineDeviation;
    /// <summary>Market-making probability in [0, 1] (enters as a penalty).</summary>
    public double MarketMaking;
    /// <summary>Cross-instrument coordination in [0, 1].</summary>
    public double Coordination;
    /// <summary>Bounded pressure (buy − sell)/(buy + sell) of the window.</summary>
    public double Pressure;
    /// <summary>Net flow in coin-toss standard deviations, (buy − sell)/√Σsize².</summary>
    public double ImbalanceZ;
    /// <summary>Share of the aggression into the signal's side that was absorbed (absorption and iceberg), else 0.</summary>
    public double Absorption;
    /// <summary>The value compared with the baseline.</summary>
    public double BaselineValue;
    /// <summary>Baseline median (0 while warming up).</summary>
    public double BaselineMedian;
    /// <summary>Robust z of the value (0 while warming up).</summary>
    public double RobustZ;
    /// <summary>Classic z of the value (0 while warming up).</summary>
    public double ZScore;
    /// <summary>Percentile rank of the value in its history (0 while warming up).</summary>
    public double Percentile;
    /// <summary>Microprice at the signal (1e-9 units; NaN without a two-sided quote).</summary>
    public double Microprice;
    /// <summary>Queue imbalance at the signal.</summary>
    public double QueueImbalance;
}
