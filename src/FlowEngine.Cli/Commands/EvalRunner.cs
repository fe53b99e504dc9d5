using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Evaluation;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// The work behind <c>flowengine eval</c>: warm the baseline on prior simulated sessions (other seeds, same
/// start time of day), run the evaluated session with scoring, and score the signals against the
/// simulator's labels.
/// </summary>
internal static class EvalRunner
{
    public sealed record Result(
        EvaluationReport Report,
        IReadOnlyList<Signal> Signals,
        IReadOnlyList<EpisodeLabel> Labels,
        InstrumentRegistry Registry,
        long Events,
        long WarmupEvents,
        int BaselineSeries,
        IReadOnlyList<ulong> WarmupSeeds);

    public static Result Run(EvalSettings settings, IfdOptions? ifd = null, TextWriter? progress = null)
    {
        ifd ??= new IfdOptions();
        var baseline = new BaselineStore();
        var seeds = new List<ulong>();
        long warmupEvents = 0;
        for (var i = 0; i < settings.WarmupSessions; i++)
        {
            var seed = settings.WarmupSeed(i);
            seeds.Add(seed);
            var warm = new EvalSession(WarmupOptions(settings, seed), baseline, sink: null, ifd);
            warm.Run();
            baseline.EndSession();
            warmupEvents += warm.Events;
            progress?.WriteLine($"warm-up session {i + 1}/{settings.WarmupSessions} (seed {seed}): {warm.Events} events");
        }

        var recorder = new SignalRecorder();
        var session = new EvalSession(new SimulatorOptions { Seed = settings.Seed, Duration = settings.Duration, MaxEvents = settings.MaxEvents },
            baseline, recorder, ifd);
        session.Run();
        var labels = session.Simulator.Labels;
        var episodes = new List<GroundTruthEpisode>(labels.Count);
        foreach (var l in labels)
            episodes.Add(ToEpisode(l));
        var report = SignalEvaluator.Evaluate(recorder.Signals, episodes, settings.Grace.Ticks * 100);
        return new Result(report, recorder.Signals, [.. labels], session.Registry, session.Events, warmupEvents, baseline.SeriesCount, seeds);
    }

    /// <summary>The simulator options of a warm-up session: its seed, the warm-up duration and the scaled episode rates.</summary>
    public static SimulatorOptions WarmupOptions(EvalSettings settings, ulong seed)
    {
        var rates = new EpisodeRates();
        var k = settings.WarmupEpisodeScale;
        return new SimulatorOptions
        {
            Seed = seed,
            Duration = settings.WarmupDuration,
            Episodes = new EpisodeRates
            {
                SweepsPerMinute = rates.SweepsPerMinute * k,
                IcebergsPerMinute = rates.IcebergsPerMinute * k,
                AccumulationsPerMinute = rates.AccumulationsPerMinute * k,
                TwoSidedQuotingPerMinute = rates.TwoSidedQuotingPerMinute * k,
                CallPutPairsPerMinute = rates.CallPutPairsPerMinute * k,
            },
        };
    }

    public static GroundTruthEpisode ToEpisode(EpisodeLabel label) => new(
        label.Id,
        EpisodeKinds.CsvName(label.Kind),
        label.InstrumentId,
        label.Side switch
        {
            EpisodeSide.Buy => EpisodeDirection.Buy,
            EpisodeSide.Sell => EpisodeDirection.Sell,
            EpisodeSide.Both => EpisodeDirection.Both,
            _ => EpisodeDirection.None,
        },
        label.StartNs,
        label.EndNs,
        EpisodeKinds.IsNoise(label.Kind));
}
