using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>ifd</c> section: institutional flow detection in the engine's flow stage. Defaults are the Flow
/// library's (<see cref="IfdOptions"/>, the IFD v3 weights and bars); durations are in ms.
/// </summary>
public sealed record IfdConfig
{
    private static readonly IfdOptions Library = new();

    /// <summary>Longest cooldown accepted: one hour.</summary>
    public const long MaxCooldownMs = 3_600_000;

    /// <summary>Whether the flow stage (pressure and IFD scoring) runs; off leaves book → outputs only.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Window lengths (ms) scored when they close; each must be one of <c>pressure.windowsMs</c>.</summary>
    public IReadOnlyList<long> SignalWindowsMs { get; init; } = [.. Library.SignalWindowsNs.Select(ns => ns / 1_000_000)];

    /// <summary>Window length (ms) whose baseline sweeps and icebergs are compared with; one of <c>pressure.windowsMs</c>.</summary>
    public long EventBaselineWindowMs { get; init; } = Library.EventBaselineWindowNs / 1_000_000;

    /// <summary>Weights of the confidence; they must sum to 1.</summary>
    public IfdWeightsConfig Weights { get; init; } = new();

    /// <summary>Robust z a value must reach to pass the baseline bar.</summary>
    public double ZBar { get; init; } = Library.ZBar;

    /// <summary>Percentile rank a value must reach to pass the baseline bar.</summary>
    public double PercentileBar { get; init; } = Library.PercentileBar;

    /// <summary>Largest |z| reported.</summary>
    public double ZCap { get; init; } = Library.ZCap;

    /// <summary>Confidence thresholds of the grades.</summary>
    public IfdGradesConfig Grades { get; init; } = new();

    /// <summary>Market-making probability at or above which the grade is capped at MODERATE.</summary>
    public double MarketMakingCap { get; init; } = Library.MarketMakingCap;

    /// <summary>Aggressive windows: |imbalance z| at which pressure significance starts to rise.</summary>
    public double ImbalanceZFloor { get; init; } = Library.ImbalanceZFloor;

    /// <summary>Aggressive windows: |imbalance z| at which pressure significance reaches 1.</summary>
    public double ImbalanceZFull { get; init; } = Library.ImbalanceZFull;

    /// <summary>Absorbed share of the aggression into a side from which a window counts as absorption.</summary>
    public double AbsorptionMin { get; init; } = Library.AbsorptionMin;

    /// <summary>Absorbed share at which the absorption significance reaches 1.</summary>
    public double AbsorptionFull { get; init; } = Library.AbsorptionFull;

    /// <summary>Absorption events at which absorption significance stops being discounted.</summary>
    public int AbsorptionEventsFull { get; init; } = Library.AbsorptionEventsFull;

    /// <summary>Aggressor events a window needs before it is scored.</summary>
    public int MinTrades { get; init; } = Library.MinTrades;

    /// <summary>Sweep levels at which a sweep's pressure significance reaches 1.</summary>
    public int SweepLevelsFull { get; init; } = Library.SweepLevelsFull;

    /// <summary>Iceberg refills at which significance reaches 1.</summary>
    public int IcebergRefillsFull { get; init; } = Library.IcebergRefillsFull;

    /// <summary>Cap on the significance of iceberg chains that never repeat the order or its size.</summary>
    public double IcebergUnmatchedFactor { get; init; } = Library.IcebergUnmatchedFactor;

    /// <summary>|imbalance z| a related instrument needs to count for coordination.</summary>
    public double CoordinationZ { get; init; } = Library.CoordinationZ;

    /// <summary>Silence after a sweep or iceberg signal for the same kind, instrument and direction, in ms.</summary>
    public long CooldownMs { get; init; } = Library.CooldownNs / 1_000_000;

    /// <summary>The library options these settings stand for.</summary>
    public IfdOptions ToOptions() => new()
    {
        SignalWindowsNs = [.. SignalWindowsMs.Select(ms => ms * 1_000_000)],
        EventBaselineWindowNs = EventBaselineWindowMs * 1_000_000,
        PressureWeight = Weights.Pressure,
        BaselineWeight = Weights.Baseline,
        MarketMakingWeight = Weights.MarketMaking,
        CoordinationWeight = Weights.Coordination,
        ZBar = ZBar,
        PercentileBar = PercentileBar,
        ZCap = ZCap,
        ExtremeAt = Grades.Extreme,
        VeryHighAt = Grades.VeryHigh,
        HighAt = Grades.High,
        ModerateAt = Grades.Moderate,
        MarketMakingCap = MarketMakingCap,
        ImbalanceZFloor = ImbalanceZFloor,
        ImbalanceZFull = ImbalanceZFull,
        AbsorptionMin = AbsorptionMin,
        AbsorptionFull = AbsorptionFull,
        AbsorptionEventsFull = AbsorptionEventsFull,
        MinTrades = MinTrades,
        SweepLevelsFull = SweepLevelsFull,
        IcebergRefillsFull = IcebergRefillsFull,
        IcebergUnmatchedFactor = IcebergUnmatchedFactor,
        CoordinationZ = CoordinationZ,
        CooldownNs = CooldownMs * 1_000_000,
    };
}
