using System.Globalization;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// Configuration of IFD scoring. Defaults follow the IFD v3 design: weights pressure 0.4, baseline 0.3,
/// market making 0.2 (as a penalty: the term is weight × (1 − probability)), coordination 0.1; baseline bar
/// robust z ≥ 2 and percentile ≥ 95. Confidence = Σ weight × factor, so with weights summing to 1 it lies in [0, 1].
/// </summary>
public sealed record IfdOptions
{
    private const long Second = 1_000_000_000;

    /// <summary>Window lengths (ns) scored when they close; each must be one of the tracker's. Default 10 s.</summary>
    public IReadOnlyList<long> SignalWindowsNs { get; init; } = [10 * Second];

    /// <summary>
    /// The longest of <see cref="SignalWindowsNs"/> (0 when empty): a session's end-of-input tick is rounded up to
    /// it so the last scored windows close instead of being lost.
    /// </summary>
    public long LongestSignalWindowNs
    {
        get
        {
            long longest = 0;
            foreach (var w in SignalWindowsNs ?? [])
                longest = Math.Max(longest, w);
            return longest;
        }
    }

    /// <summary>Window length (ns) whose baseline sweeps and icebergs are compared with. Default 10 s.</summary>
    public long EventBaselineWindowNs { get; init; } = 10 * Second;

    /// <summary>Weight of pressure significance.</summary>
    public double PressureWeight { get; init; } = 0.4;
    /// <summary>Weight of baseline deviation.</summary>
    public double BaselineWeight { get; init; } = 0.3;
    /// <summary>Weight of the market-making penalty (the term is weight × (1 − probability)).</summary>
    public double MarketMakingWeight { get; init; } = 0.2;
    /// <summary>Weight of cross-instrument coordination.</summary>
    public double CoordinationWeight { get; init; } = 0.1;

    /// <summary>Robust z a value must reach to pass the baseline bar.</summary>
    public double ZBar { get; init; } = 2.0;
    /// <summary>Percentile rank a value must reach to pass the baseline bar.</summary>
    public double PercentileBar { get; init; } = 95.0;
    /// <summary>Largest |z| reported (also the z of a value above a history without spread).</summary>
    public double ZCap { get; init; } = 10.0;

    /// <summary>Confidence from which a signal is EXTREME.</summary>
    public double ExtremeAt { get; init; } = 0.90;
    /// <summary>Confidence from which a signal is VERY_HIGH.</summary>
    public double VeryHighAt { get; init; } = 0.80;
    /// <summary>Confidence from which a signal is HIGH.</summary>
    public double HighAt { get; init; } = 0.70;
    /// <summary>Confidence from which a signal is MODERATE; below it nothing is emitted.</summary>
    public double ModerateAt { get; init; } = 0.55;

    /// <summary>Market-making probability at or above which the grade is capped at MODERATE.</summary>
    public double MarketMakingCap { get; init; } = 0.6;

    /// <summary>Aggressive windows: |imbalance z| at which pressure significance starts to rise from 0.</summary>
    public double ImbalanceZFloor { get; init; } = 2.0;
    /// <summary>Aggressive windows: |imbalance z| at which pressure significance reaches 1.</summary>
    public double ImbalanceZFull { get; init; } = 6.0;
    /// <summary>
    /// Share of the aggression into a side that must be absorbed for a window to count as absorption. In
    /// simulated background trading the 99th percentile of the share is below 0.1 (same size re-posted at the
    /// same price within 5 ms by chance); 0.2 is twice that.
    /// </summary>
    public double AbsorptionMin { get; init; } = 0.2;
    /// <summary>Absorbed share at which the absorption part of pressure significance reaches 1 (a steady accumulator re-posts ~40 % of the hits into its side).</summary>
    public double AbsorptionFull { get; init; } = 0.4;
    /// <summary>Absorption events (replenishments, refills) at which the absorption significance stops being discounted for small numbers.</summary>
    public int AbsorptionEventsFull { get; init; } = 5;
    /// <summary>Aggressor events a window needs before it is scored.</summary>
    public int MinTrades { get; init; } = 5;

    /// <summary>Sweep levels at which a sweep's pressure significance reaches 1 (2 levels give 0.5).</summary>
    public int SweepLevelsFull { get; init; } = 4;
    /// <summary>
    /// Iceberg refills (plus one when the refill re-used the order or its size) at which significance reaches 1;
    /// chains that never repeat the order or its size reach at most <see cref="IcebergUnmatchedFactor"/>.
    /// </summary>
    public int IcebergRefillsFull { get; init; } = 3;

    /// <summary>Cap on the significance of iceberg chains whose refills never repeat the consumed order or the display size.</summary>
    public double IcebergUnmatchedFactor { get; init; } = 0.6;

    /// <summary>|imbalance z| a related instrument needs to count for coordination.</summary>
    public double CoordinationZ { get; init; } = 2.0;

    /// <summary>After a sweep or iceberg signal, the same kind, instrument and direction is silent this long unless its grade is higher.</summary>
    public long CooldownNs { get; init; } = 2 * Second;

    /// <summary>Fails with an <see cref="ArgumentException"/> naming the option and the allowed range.</summary>
    public void Validate()
    {
        if (SignalWindowsNs is null || SignalWindowsNs.Count == 0)
            throw Bad(nameof(SignalWindowsNs), "must list at least one window length");
        foreach (var w in SignalWindowsNs)
            Require(w > 0, nameof(SignalWindowsNs), $"must be positive, got {w}");
        Require(EventBaselineWindowNs > 0, nameof(EventBaselineWindowNs), $"must be positive, got {EventBaselineWindowNs}");
        foreach (var (name, weight) in new[] { (nameof(PressureWeight), PressureWeight), (nameof(BaselineWeight), BaselineWeight), (nameof(MarketMakingWeight), MarketMakingWeight), (nameof(CoordinationWeight), CoordinationWeight) })
            Require(weight is >= 0 and <= 1, name, $"must be between 0 and 1, got {F(weight)}");
        var sum = PressureWeight + BaselineWeight + MarketMakingWeight + CoordinationWeight;
        Require(Math.Abs(sum - 1) <= 1e-6, "weights", $"must sum to 1 so confidence stays in [0, 1], got {F(sum)}");
        Require(ZBar is > 0 and <= 100, nameof(ZBar), $"must be in (0, 100], got {F(ZBar)}");
        Require(PercentileBar is >= 0 and <= 100, nameof(PercentileBar), $"must be in [0, 100], got {F(PercentileBar)}");
        Require(ZCap >= ZBar && ZCap <= 1e6, nameof(ZCap), $"must be between {nameof(ZBar)} and 1,000,000, got {F(ZCap)}");
        Require(ModerateAt > 0 && ModerateAt <= HighAt && HighAt <= VeryHighAt && VeryHighAt <= ExtremeAt && ExtremeAt <= 1, "grade thresholds",
            $"must satisfy 0 < {nameof(ModerateAt)} ≤ {nameof(HighAt)} ≤ {nameof(VeryHighAt)} ≤ {nameof(ExtremeAt)} ≤ 1, got {F(ModerateAt)}, {F(HighAt)}, {F(VeryHighAt)}, {F(ExtremeAt)}");
        Require(MarketMakingCap is > 0 and <= 1, nameof(MarketMakingCap), $"must be in (0, 1], got {F(MarketMakingCap)}");
        Require(ImbalanceZFloor >= 0 && ImbalanceZFull > ImbalanceZFloor, nameof(ImbalanceZFull), $"must exceed {nameof(ImbalanceZFloor)} (≥ 0), got {F(ImbalanceZFloor)} and {F(ImbalanceZFull)}");
        Require(AbsorptionMin is > 0 and <= 1 && AbsorptionFull >= AbsorptionMin && AbsorptionFull <= 1, nameof(AbsorptionFull),
            $"must satisfy 0 < {nameof(AbsorptionMin)} ≤ {nameof(AbsorptionFull)} ≤ 1, got {F(AbsorptionMin)} and {F(AbsorptionFull)}");
        Require(AbsorptionEventsFull is >= 1 and <= 1_000_000, nameof(AbsorptionEventsFull), $"must be between 1 and 1,000,000, got {AbsorptionEventsFull}");
        Require(MinTrades is >= 1 and <= 1_000_000, nameof(MinTrades), $"must be between 1 and 1,000,000, got {MinTrades}");
        Require(SweepLevelsFull is >= 3 and <= 32, nameof(SweepLevelsFull), $"must be between 3 and 32, got {SweepLevelsFull}");
        Require(IcebergRefillsFull is >= 1 and <= 1000, nameof(IcebergRefillsFull), $"must be between 1 and 1000, got {IcebergRefillsFull}");
        Require(IcebergUnmatchedFactor is >= 0 and <= 1, nameof(IcebergUnmatchedFactor), $"must be between 0 and 1, got {F(IcebergUnmatchedFactor)}");
        Require(CoordinationZ is > 0 and <= 100, nameof(CoordinationZ), $"must be in (0, 100], got {F(CoordinationZ)}");
        Require(CooldownNs is >= 0 and <= 3600 * Second, nameof(CooldownNs), $"must be between 0 and 1 h, got {CooldownNs} ns");
    }

    /// <summary>
    /// The grade of a confidence (before caps). Compared with a 1e-9 tolerance, so a confidence that is a
    /// threshold in exact arithmetic (0.4 + 0.3 + 0.2 = 0.9) is not pushed below it by binary rounding.
    /// </summary>
    public SignalGrade GradeOf(double confidence)
    {
        var c = confidence + 1e-9;
        return c >= ExtremeAt ? SignalGrade.Extreme
            : c >= VeryHighAt ? SignalGrade.VeryHigh
            : c >= HighAt ? SignalGrade.High
            : c >= ModerateAt ? SignalGrade.Moderate
            : SignalGrade.None;
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool ok, string name, string problem)
    {
        if (!ok)
            throw Bad(name, problem);
    }

    private static ArgumentException Bad(string name, string problem) => new($"ifd option {name} {problem}", name);
}
