using FlowEngine.Flow.Evaluation;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Flow.Tests;

public sealed class EvaluationTests
{
    private const long S = 1_000_000_000;

    private static Signal Window(uint instrument, SignalDirection d, long start, long end, SignalGrade g = SignalGrade.High) =>
        new() { InstrumentId = instrument, Direction = d, EvidenceStartNs = start, TsRecv = end, Grade = g, Kind = SignalKind.Absorption };

    private static Signal Instant(uint instrument, SignalDirection d, long ts, SignalGrade g = SignalGrade.High, SignalKind kind = SignalKind.Sweep) =>
        new() { InstrumentId = instrument, Direction = d, EvidenceStartNs = ts, TsRecv = ts, Grade = g, Kind = kind };

    private static GroundTruthEpisode Episode(int id, string kind, uint instrument, EpisodeDirection d, long start, long end, bool noise = false) =>
        new(id, kind, instrument, d, start, end, noise);

    [Fact]
    public void Matching_needs_the_instrument_the_direction_and_overlapping_evidence()
    {
        var e = Episode(0, "accumulation", 5, EpisodeDirection.Buy, 100 * S, 130 * S);
        Assert.True(SignalEvaluator.Matches(Window(5, SignalDirection.Buy, 90 * S, 100 * S + 1), e, S));
        Assert.False(SignalEvaluator.Matches(Window(5, SignalDirection.Buy, 90 * S, 100 * S), e, S));      // closed as the episode began
        Assert.True(SignalEvaluator.Matches(Window(5, SignalDirection.Buy, 131 * S, 141 * S), e, S));      // within the grace
        Assert.False(SignalEvaluator.Matches(Window(5, SignalDirection.Buy, 131 * S + 1, 141 * S), e, S));
        Assert.False(SignalEvaluator.Matches(Window(5, SignalDirection.Sell, 110 * S, 120 * S), e, S));
        Assert.False(SignalEvaluator.Matches(Window(6, SignalDirection.Buy, 110 * S, 120 * S), e, S));
        Assert.True(SignalEvaluator.Matches(Instant(5, SignalDirection.Buy, 100 * S), e, S));                // a sweep on the first record
        Assert.False(SignalEvaluator.Matches(Instant(5, SignalDirection.Buy, 100 * S - 1), e, S));
    }

    [Fact]
    public void Precision_recall_and_noise_are_counted_per_kind_per_grade_and_overall()
    {
        var episodes = new[]
        {
            Episode(0, "sweep", 1, EpisodeDirection.Buy, 10 * S, 10 * S),
            Episode(1, "sweep", 2, EpisodeDirection.Sell, 20 * S, 20 * S),
            Episode(2, "accumulation", 3, EpisodeDirection.Buy, 30 * S, 60 * S),
            Episode(3, "mm_two_sided", 4, EpisodeDirection.Both, 30 * S, 35 * S, noise: true),
            Episode(4, "mm_call_put", 5, EpisodeDirection.None, 30 * S, 35 * S, noise: true),
        };
        var signals = new[]
        {
            Instant(1, SignalDirection.Buy, 10 * S, SignalGrade.Extreme),                 // TP sweep
            Instant(1, SignalDirection.Buy, 10 * S + 5, SignalGrade.High),                // TP again, same episode
            Instant(2, SignalDirection.Buy, 20 * S, SignalGrade.High),                    // wrong side: FP sweep
            Window(3, SignalDirection.Buy, 40 * S, 50 * S, SignalGrade.Moderate),         // below HIGH: not counted
            Window(4, SignalDirection.Sell, 30 * S, 40 * S, SignalGrade.High),            // FP on noise
            new Signal { InstrumentId = 9, Direction = SignalDirection.Sell, EvidenceStartNs = 0, TsRecv = S, Grade = SignalGrade.High, Kind = SignalKind.Aggressive },
        };
        var report = SignalEvaluator.Evaluate(signals, episodes, graceNs: S);

        Assert.Equal(new EvaluationRow("overall", 3, 1, 5, 2), report.Overall);
        Assert.Equal(0.4, report.Overall.Precision, 12);
        Assert.Equal(1.0 / 3, report.Overall.Recall, 12);
        var sweep = report.ByKind.Single(r => r.Name == "sweep");
        Assert.Equal((2, 1, 3, 2), (sweep.Episodes, sweep.Detected, sweep.Signals, sweep.TruePositives));
        var accumulation = report.ByKind.Single(r => r.Name == "accumulation");
        Assert.Equal((1, 0, 1, 0), (accumulation.Episodes, accumulation.Detected, accumulation.Signals, accumulation.TruePositives));
        Assert.Equal(1, report.ByKind.Single(r => r.Name == "directional").Signals);
        var moderate = report.ByGrade.Single(r => r.Name == "MODERATE+");
        Assert.Equal((3, 2, 6, 3), (moderate.Episodes, moderate.Detected, moderate.Signals, moderate.TruePositives));
        Assert.Equal(1, report.ByGrade.Single(r => r.Name == "EXTREME").Detected);
        Assert.Equal(2, report.NoiseEpisodes);
        Assert.Equal(1, report.NoiseEpisodesFlagged);
        Assert.Equal(0.5, report.NoiseFalsePositiveRate);

        var text = new StringWriter();
        report.Write(text);
        var lines = text.ToString().TrimEnd().Split('\n');
        Assert.Equal("overall: precision 0.400, recall 0.333, F1 0.364", lines[^1].TrimEnd());
        Assert.Contains("market-maker noise: 1 of 2 episodes flagged HIGH or better (false-positive rate 0.500)", text.ToString());
    }
}
