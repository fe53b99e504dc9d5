using System.Globalization;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Flow.Evaluation;

/// <summary>The result of scoring signals against ground truth; <see cref="Write"/> prints it.</summary>
public sealed class EvaluationReport
{
    /// <summary>Creates a report.</summary>
    public EvaluationReport(IReadOnlyList<EvaluationRow> byKind, IReadOnlyList<EvaluationRow> byGrade, EvaluationRow overall,
        int noiseEpisodes, int noiseEpisodesFlagged, int noiseSignals, int noiseEpisodesFlaggedModerate, long graceNs, SignalGrade threshold)
    {
        ByKind = byKind;
        ByGrade = byGrade;
        Overall = overall;
        NoiseEpisodes = noiseEpisodes;
        NoiseEpisodesFlagged = noiseEpisodesFlagged;
        NoiseSignals = noiseSignals;
        NoiseEpisodesFlaggedModerate = noiseEpisodesFlaggedModerate;
        GraceNs = graceNs;
        Threshold = threshold;
    }

    /// <summary>One row per episode kind (counting signals at or above <see cref="Threshold"/>), then one for signals claiming no labelled kind.</summary>
    public IReadOnlyList<EvaluationRow> ByKind { get; }

    /// <summary>One row per grade threshold: EXTREME, VERY_HIGH+, HIGH+, MODERATE+.</summary>
    public IReadOnlyList<EvaluationRow> ByGrade { get; }

    /// <summary>All institutional episodes against signals at or above <see cref="Threshold"/>.</summary>
    public EvaluationRow Overall { get; }

    /// <summary>Market-maker noise episodes.</summary>
    public int NoiseEpisodes { get; }

    /// <summary>Noise episodes with at least one signal at or above the threshold on their instrument during their span (+ grace).</summary>
    public int NoiseEpisodesFlagged { get; }

    /// <summary>Signals at or above the threshold that overlap a noise episode on its instrument.</summary>
    public int NoiseSignals { get; }

    /// <summary>Noise episodes with at least one signal of any grade (MODERATE or better) in their span.</summary>
    public int NoiseEpisodesFlaggedModerate { get; }

    /// <summary>False-positive rate on noise: flagged / noise episodes.</summary>
    public double NoiseFalsePositiveRate => NoiseEpisodes == 0 ? 0 : (double)NoiseEpisodesFlagged / NoiseEpisodes;

    /// <summary>Grace after an episode's end within which a signal still matches it.</summary>
    public long GraceNs { get; }

    /// <summary>The grade threshold of the headline figures.</summary>
    public SignalGrade Threshold { get; }

    /// <summary>Prints the tables and, last, <c>overall: precision P, recall R, F1 F</c>.</summary>
    public void Write(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var t = SignalNames.Grade(Threshold);
        output.WriteLine(string.Create(c, $"per episode kind ({t} or better; grace {GraceNs / 1e6:0.###} ms):"));
        output.WriteLine("  kind            episodes  detected  recall  signals  true  precision  F1");
        foreach (var r in ByKind)
            output.WriteLine(Row(r));
        output.WriteLine("per grade (that grade or better):");
        output.WriteLine("  grade           episodes  detected  recall  signals  true  precision  F1");
        foreach (var r in ByGrade)
            output.WriteLine(Row(r));
        output.WriteLine(string.Create(c,
            $"market-maker noise: {NoiseEpisodesFlagged} of {NoiseEpisodes} episodes flagged {t} or better (false-positive rate {NoiseFalsePositiveRate:0.000}), {NoiseSignals} signals in their spans; {NoiseEpisodesFlaggedModerate} flagged at any grade"));
        output.WriteLine(string.Create(c, $"overall: precision {Overall.Precision:0.000}, recall {Overall.Recall:0.000}, F1 {Overall.F1:0.000}"));
    }

    private static string Row(in EvaluationRow r) => string.Create(CultureInfo.InvariantCulture,
        $"  {r.Name,-15} {r.Episodes,8}  {r.Detected,8}  {r.Recall,6:0.000}  {r.Signals,7}  {r.TruePositives,4}  {r.Precision,9:0.000}  {r.F1:0.000}");
}
