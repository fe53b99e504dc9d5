using FlowEngine.Flow.Scoring;

namespace FlowEngine.Flow.Evaluation;

/// <summary>
/// Scores signals against labelled episodes.
/// </summary>
/// <remarks>
/// <para><b>Match.</b> A signal matches an episode when they are on the same instrument, the signal's direction
/// equals the episode's (buy/sell), and the signal's evidence interval overlaps the episode's span extended by
/// the grace: evidence start ≤ episode end + grace, and evidence end (the signal's ts) is after the episode
/// start (at or after it for sweeps and icebergs, whose evidence is one instant). For a window signal the
/// evidence is its window; a window that merely closes after the episode without containing any of it does
/// not match.</para>
/// <para><b>Recall</b> (per kind and overall): episodes matched by at least one counted signal / episodes.
/// <b>Precision</b>: counted signals that match any institutional episode / counted signals. Per kind, a
/// matching signal counts for the kind of the earliest episode it matches; a signal matching none counts as a
/// false positive of the kind it claims (sweep → sweep, iceberg → iceberg, absorption → accumulation,
/// aggressive → "directional", which has no labelled episodes).</para>
/// <para><b>Noise</b>: a market-maker episode is flagged when a counted signal on its instrument, in either
/// direction, overlaps its span plus grace.</para>
/// </remarks>
public static class SignalEvaluator
{
    /// <summary>The episode kind a signal claims when it matches nothing.</summary>
    public static string ClaimedKind(SignalKind kind) => kind switch
    {
        SignalKind.Sweep => "sweep",
        SignalKind.Iceberg => "iceberg",
        SignalKind.Absorption => "accumulation",
        _ => "directional",
    };

    /// <summary>True when <paramref name="signal"/> matches <paramref name="episode"/> (instrument, direction and time; see remarks).</summary>
    public static bool Matches(in Signal signal, in GroundTruthEpisode episode, long graceNs)
    {
        if (signal.InstrumentId != episode.InstrumentId)
            return false;
        var direction = signal.Direction == SignalDirection.Buy ? EpisodeDirection.Buy : EpisodeDirection.Sell;
        return episode.Direction == direction && Overlaps(in signal, in episode, graceNs);
    }

    /// <summary>True when the signal's evidence overlaps the episode's span plus grace, whatever the directions.</summary>
    public static bool Overlaps(in Signal signal, in GroundTruthEpisode episode, long graceNs)
    {
        if (signal.InstrumentId != episode.InstrumentId || signal.EvidenceStartNs > episode.EndNs + graceNs)
            return false;
        return signal.TsRecv == signal.EvidenceStartNs ? signal.TsRecv >= episode.StartNs : signal.TsRecv > episode.StartNs;
    }

    /// <summary>Evaluates <paramref name="signals"/> against <paramref name="episodes"/>; headline figures count signals of grade ≥ <paramref name="threshold"/>.</summary>
    public static EvaluationReport Evaluate(IReadOnlyList<Signal> signals, IReadOnlyList<GroundTruthEpisode> episodes, long graceNs,
        SignalGrade threshold = SignalGrade.High)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(episodes);
        var institutional = new List<GroundTruthEpisode>();
        var noise = new List<GroundTruthEpisode>();
        foreach (var e in episodes)
        {
            if (e.IsNoise)
                noise.Add(e);
            else if (e.Direction is EpisodeDirection.Buy or EpisodeDirection.Sell)
                institutional.Add(e);
        }
        institutional.Sort((a, b) => a.StartNs != b.StartNs ? a.StartNs.CompareTo(b.StartNs) : a.Id.CompareTo(b.Id));

        // For each signal, the earliest institutional episode it matches (-1: none).
        var matchOf = new int[signals.Count];
        for (var s = 0; s < signals.Count; s++)
        {
            matchOf[s] = -1;
            var signal = signals[s];
            for (var e = 0; e < institutional.Count; e++)
            {
                var episode = institutional[e];
                if (Matches(in signal, in episode, graceNs))
                {
                    matchOf[s] = e;
                    break;
                }
            }
        }

        var kinds = new List<string>();
        foreach (var e in institutional)
        {
            if (!kinds.Contains(e.Kind))
                kinds.Add(e.Kind);
        }
        kinds.Sort(StringComparer.Ordinal);
        foreach (var s in signals)
        {
            var claimed = ClaimedKind(s.Kind);
            if (!kinds.Contains(claimed))
                kinds.Add(claimed);
        }

        var byKind = new List<EvaluationRow>();
        foreach (var kind in kinds)
            byKind.Add(Row(kind, kind, signals, institutional, matchOf, graceNs, threshold));

        var byGrade = new List<EvaluationRow>();
        foreach (var g in new[] { SignalGrade.Extreme, SignalGrade.VeryHigh, SignalGrade.High, SignalGrade.Moderate })
        {
            var name = g == SignalGrade.Extreme ? "EXTREME" : SignalNames.Grade(g) + "+";
            byGrade.Add(Row(name, null, signals, institutional, matchOf, graceNs, g));
        }
        var overall = Row("overall", null, signals, institutional, matchOf, graceNs, threshold);

        int flagged = 0, noiseSignals = 0, flaggedAny = 0;
        foreach (var e in noise)
        {
            bool hit = false, any = false;
            foreach (var s in signals)
            {
                if (!Overlaps(in s, in e, graceNs))
                    continue;
                any = true;
                if (s.Grade >= threshold)
                {
                    hit = true;
                    noiseSignals++;
                }
            }
            if (hit)
                flagged++;
            if (any)
                flaggedAny++;
        }
        return new EvaluationReport(byKind, byGrade, overall, noise.Count, flagged, noiseSignals, flaggedAny, graceNs, threshold);
    }

    private static EvaluationRow Row(string name, string? kind, IReadOnlyList<Signal> signals, List<GroundTruthEpisode> institutional,
        int[] matchOf, long graceNs, SignalGrade threshold)
    {
        int episodes = 0, detected = 0;
        for (var e = 0; e < institutional.Count; e++)
        {
            var episode = institutional[e];
            if (kind is not null && episode.Kind != kind)
                continue;
            episodes++;
            foreach (var s in signals)
            {
                if (s.Grade >= threshold && Matches(in s, in episode, graceNs))
                {
                    detected++;
                    break;
                }
            }
        }
        int counted = 0, truePositives = 0;
        for (var i = 0; i < signals.Count; i++)
        {
            var s = signals[i];
            if (s.Grade < threshold)
                continue;
            var m = matchOf[i];
            var attributed = m >= 0 ? institutional[m].Kind : ClaimedKind(s.Kind);
            if (kind is not null && attributed != kind)
                continue;
            counted++;
            if (m >= 0)
                truePositives++;
        }
        return new EvaluationRow(name, episodes, detected, counted, truePositives);
    }
}
