using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>ifd.weights</c> section: confidence = pressure·P + baseline·B + marketMaking·(1 − MM) + coordination·C.
/// They must sum to 1 so the confidence stays in [0, 1]. Defaults 0.4 / 0.3 / 0.2 / 0.1 (IFD v3).
/// </summary>
public sealed record IfdWeightsConfig
{
    private static readonly IfdOptions Library = new();

    /// <summary>Weight of pressure significance.</summary>
    public double Pressure { get; init; } = Library.PressureWeight;

    /// <summary>Weight of baseline deviation.</summary>
    public double Baseline { get; init; } = Library.BaselineWeight;

    /// <summary>Weight of the market-making penalty.</summary>
    public double MarketMaking { get; init; } = Library.MarketMakingWeight;

    /// <summary>Weight of cross-instrument coordination.</summary>
    public double Coordination { get; init; } = Library.CoordinationWeight;
}
