using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>ifd.grades</c> section: the confidence from which a signal is EXTREME, VERY_HIGH, HIGH or MODERATE
/// (below MODERATE nothing is emitted). Must satisfy 0 &lt; moderate ≤ high ≤ veryHigh ≤ extreme ≤ 1.
/// </summary>
public sealed record IfdGradesConfig
{
    private static readonly IfdOptions Library = new();

    /// <summary>Confidence from which a signal is EXTREME.</summary>
    public double Extreme { get; init; } = Library.ExtremeAt;

    /// <summary>Confidence from which a signal is VERY_HIGH.</summary>
    public double VeryHigh { get; init; } = Library.VeryHighAt;

    /// <summary>Confidence from which a signal is HIGH.</summary>
    public double High { get; init; } = Library.HighAt;

    /// <summary>Confidence from which a signal is MODERATE.</summary>
    public double Moderate { get; init; } = Library.ModerateAt;
}
