using System.Globalization;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Configuration of the pressure tracker. Every length is event time in nanoseconds, so the same options
/// over the same input give the same windows live and in replay. Defaults suit CME index futures and their
/// options; <see cref="Validate"/> names any value the tracker cannot honour.
/// </summary>
public sealed record PressureOptions
{
    /// <summary>One second in nanoseconds.</summary>
    public const long Second = 1_000_000_000;

    /// <summary>
    /// Window lengths, ascending; each a whole multiple of the first, so the shortest window is the only one
    /// the hot path touches and the longer ones are rolled up from it when it closes. Default 1 s, 10 s, 60 s, 300 s.
    /// </summary>
    public IReadOnlyList<long> WindowLengthsNs { get; init; } = [Second, 10 * Second, 60 * Second, 300 * Second];

    /// <summary>Levels per side summed by the multi-level order-flow imbalance (Xu–Gould–Howison style OFI over CKS levels).</summary>
    public int OfiLevels { get; init; } = 5;

    /// <summary>
    /// How soon after a level was traded away an add at the same price and side counts as an iceberg refill.
    /// CME native icebergs refill within the same matching event; 10 ms also covers algorithmic re-posting.
    /// </summary>
    public long IcebergRefillWindowNs { get; init; } = 10_000_000;

    /// <summary>
    /// A refill repeating the consumed order's size (or the chain's previous display) only counts as the same
    /// display when it is above this rolling percentile of the instrument's add sizes: on ES three adds in
    /// four are one lot, so equal small sizes say nothing.
    /// </summary>
    public double IcebergDisplayPercentile { get; init; } = 90.0;

    /// <summary>Refills at one price and side closer together than this are one chain (their count grows).</summary>
    public long IcebergChainNs { get; init; } = 5 * Second;

    /// <summary>
    /// How soon after a trade an add of exactly the traded size at the traded price and side counts as
    /// replenishment (a passive buyer or seller re-posting the clip that was just filled). Short, because
    /// re-posting algorithms react within milliseconds while unrelated adds of the same size keep arriving:
    /// at 20 ms the busiest simulated book matched a third of its trades by chance, at 5 ms almost none.
    /// </summary>
    public long ReplenishWindowNs { get; init; } = 5_000_000;

    /// <summary>An order cancelled within this time of being added is fleeting.</summary>
    public long FleetingNs { get; init; } = 100_000_000;

    /// <summary>Rolling percentile of add sizes above which an add is a large order (per instrument).</summary>
    public double LargeOrderPercentile { get; init; } = 99.0;

    /// <summary>Add sizes kept per instrument for the large-order percentile (a fixed ring).</summary>
    public int LargeOrderHistory { get; init; } = 2048;

    /// <summary>Adds an instrument must have seen before any add is called large.</summary>
    public int LargeOrderMinSamples { get; init; } = 256;

    /// <summary>Two trades on the call and the put of one strike this close in time count as one paired (straddle-like) trade.</summary>
    public long PairToleranceNs { get; init; } = 1_000_000;

    /// <summary>
    /// A bid and an ask added this close together count as one two-sided quote. Default 0: the same ts_recv,
    /// i.e. the same packet. On a busy book unrelated adds on opposite sides arrive within a millisecond of
    /// each other most of the time, and even 10 µs paired a sixth of the simulated future's volume by chance.
    /// </summary>
    public long QuotePairToleranceNs { get; init; }

    /// <summary>The plain buy/sell ratio is a display figure only, capped here (it explodes when one side is small).</summary>
    public double RatioCap { get; init; } = 10.0;

    /// <summary>Fails with an <see cref="ArgumentException"/> naming the option and the allowed range.</summary>
    public void Validate()
    {
        if (WindowLengthsNs is null || WindowLengthsNs.Count == 0 || WindowLengthsNs.Count > 16)
            throw Bad(nameof(WindowLengthsNs), "must list 1 to 16 window lengths");
        var first = WindowLengthsNs[0];
        if (first < 1_000_000)
            throw Bad(nameof(WindowLengthsNs), $"shortest window must be at least 1 ms, got {first} ns");
        for (var i = 1; i < WindowLengthsNs.Count; i++)
        {
            var length = WindowLengthsNs[i];
            if (length <= WindowLengthsNs[i - 1] || length % first != 0)
                throw Bad(nameof(WindowLengthsNs), $"must ascend and each be a multiple of the first ({first} ns), got {length} ns at position {i}");
            if (length / first > 1_000_000)
                throw Bad(nameof(WindowLengthsNs), $"{length} ns is more than 1,000,000 shortest windows");
        }
        Require(OfiLevels is >= 1 and <= 50, nameof(OfiLevels), $"must be between 1 and 50, got {OfiLevels}");
        Require(IcebergRefillWindowNs is >= 0 and <= 60 * Second, nameof(IcebergRefillWindowNs), $"must be between 0 and 60 s, got {IcebergRefillWindowNs} ns");
        Require(IcebergDisplayPercentile is >= 0 and < 100, nameof(IcebergDisplayPercentile), $"must be in [0, 100), got {IcebergDisplayPercentile.ToString(CultureInfo.InvariantCulture)}");
        Require(IcebergChainNs is >= 0 and <= 3600 * Second, nameof(IcebergChainNs), $"must be between 0 and 1 h, got {IcebergChainNs} ns");
        Require(ReplenishWindowNs is >= 0 and <= 60 * Second, nameof(ReplenishWindowNs), $"must be between 0 and 60 s, got {ReplenishWindowNs} ns");
        Require(FleetingNs is >= 0 and <= 3600 * Second, nameof(FleetingNs), $"must be between 0 and 1 h, got {FleetingNs} ns");
        Require(LargeOrderPercentile is > 50 and < 100, nameof(LargeOrderPercentile), $"must be in (50, 100), got {LargeOrderPercentile.ToString(CultureInfo.InvariantCulture)}");
        Require(LargeOrderHistory is >= 16 and <= 1 << 20, nameof(LargeOrderHistory), $"must be between 16 and 1,048,576, got {LargeOrderHistory}");
        Require(LargeOrderMinSamples >= 1 && LargeOrderMinSamples <= LargeOrderHistory, nameof(LargeOrderMinSamples), $"must be between 1 and {nameof(LargeOrderHistory)} ({LargeOrderHistory}), got {LargeOrderMinSamples}");
        Require(PairToleranceNs is >= 0 and <= Second, nameof(PairToleranceNs), $"must be between 0 and 1 s, got {PairToleranceNs} ns");
        Require(QuotePairToleranceNs is >= 0 and <= Second, nameof(QuotePairToleranceNs), $"must be between 0 and 1 s, got {QuotePairToleranceNs} ns");
        Require(RatioCap is >= 1 and <= 1e6, nameof(RatioCap), $"must be between 1 and 1,000,000, got {RatioCap.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Index of <paramref name="lengthNs"/> in <see cref="WindowLengthsNs"/>, or -1.</summary>
    public int IndexOfLength(long lengthNs)
    {
        for (var i = 0; i < WindowLengthsNs.Count; i++)
        {
            if (WindowLengthsNs[i] == lengthNs)
                return i;
        }
        return -1;
    }

    private static void Require(bool ok, string name, string problem)
    {
        if (!ok)
            throw Bad(name, problem);
    }

    private static ArgumentException Bad(string name, string problem) => new($"pressure option {name} {problem}", name);
}
