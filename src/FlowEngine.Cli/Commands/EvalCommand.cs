using System.CommandLine;
using System.Globalization;
using FlowEngine.Flow.Scoring;
using FlowEngine.Simulator;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine eval [--seed S] [--duration D] [--events N]</c>: runs a simulated session through book →
/// pressure → IFD in-process and scores the signals against the simulator's ground-truth labels. Several
/// seeds: <c>for s in 101 102 103; do flowengine eval --seed $s; done</c> (each run is independent and
/// deterministic).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the evaluated simulator session.", DefaultValueFactory = _ => 1UL };
        var duration = new Option<string>("--duration")
        {
            Description = "Event-time length of the evaluated session: 90s, 10m, 1h or plain seconds.",
            DefaultValueFactory = _ => "10m",
        };
        var events = new Option<long?>("--events") { Description = "Stop the evaluated session after N records (default: run the whole duration)." };
        var warmups = new Option<int>("--warmup-sessions")
        {
            Description = "Prior simulated sessions (other seeds, same time of day) that build the baseline first; 0 leaves it warming up.",
            DefaultValueFactory = _ => 4,
        };
        var warmupDuration = new Option<string>("--warmup-duration")
        {
            Description = "Event-time length of each warm-up session.",
            DefaultValueFactory = _ => "5m",
        };
        var warmupScale = new Option<double>("--warmup-episode-scale")
        {
            Description = "Episode rates of the warm-up sessions as a fraction of the simulator's defaults (prior days as ordinary trading).",
            DefaultValueFactory = _ => 0.25,
        };
        var grace = new Option<int>("--grace-ms")
        {
            Description = "A signal still matches an episode this long after the episode's last record.",
            DefaultValueFactory = _ => 1000,
        };
        var signals = new Option<string?>("--signals") { Description = "Write every signal, one line each, to this file." };
        var labels = new Option<string?>("--labels") { Description = "Write the simulator's ground-truth labels (CSV) to this file." };

        var command = new Command("eval",
            "Run a simulated session through book, pressure and IFD scoring and measure precision and recall against the simulator's labels.");
        foreach (var option in new Option[] { seed, duration, events, warmups, warmupDuration, warmupScale, grace, signals, labels })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = new EvalSettings
            {
                Seed = parse.GetValue(seed),
                Duration = ParseDuration(parse.GetValue(duration) ?? "10m", "--duration"),
                MaxEvents = parse.GetValue(events) ?? long.MaxValue,
                WarmupSessions = parse.GetValue(warmups),
                WarmupDuration = ParseDuration(parse.GetValue(warmupDuration) ?? "5m", "--warmup-duration"),
                WarmupEpisodeScale = parse.GetValue(warmupScale),
                Grace = TimeSpan.FromMilliseconds(parse.GetValue(grace)),
            };
            return Run(settings, parse.GetValue(signals), parse.GetValue(labels), Console.Out);
        });
        return command;
    }

    /// <summary>Runs the evaluation and prints the report; user errors surface as exceptions.</summary>
    public static int Run(EvalSettings settings, string? signalsPath, string? labelsPath, TextWriter output)
    {
        if (settings.MaxEvents < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--events must be at least 1, got {settings.MaxEvents}"));
        if (settings.WarmupSessions is < 0 or > 100)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--warmup-sessions must be between 0 and 100, got {settings.WarmupSessions}"));
        if (!(settings.WarmupEpisodeScale is >= 0 and <= 10))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--warmup-episode-scale must be between 0 and 10, got {settings.WarmupEpisodeScale}"));
        if (settings.Grace < TimeSpan.Zero)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--grace-ms must be 0 or more, got {settings.Grace.TotalMilliseconds}"));
        // Fail on bad simulator settings before spending time on warm-up sessions.
        new SimulatorOptions { Seed = settings.Seed, Duration = settings.Duration, MaxEvents = settings.MaxEvents }.Validate();
        if (settings.WarmupSessions > 0)
            EvalRunner.WarmupOptions(settings, settings.WarmupSeed(0)).Validate();

        var result = EvalRunner.Run(settings);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"eval: seed {settings.Seed}, duration {settings.Duration.TotalSeconds:0.###}s, {result.Events} events; {result.Labels.Count} labelled episodes"));
        output.WriteLine(settings.WarmupSessions == 0
            ? "baseline: none (warming up: no signal can grade above MODERATE)"
            : string.Create(c, $"baseline: {settings.WarmupSessions} warm-up sessions of {settings.WarmupDuration.TotalSeconds:0.###}s, episode rates x{settings.WarmupEpisodeScale:0.###} (seeds {string.Join(' ', result.WarmupSeeds)}), {result.WarmupEvents} events, {result.BaselineSeries} series"));
        var byGrade = new int[5];
        foreach (var s in result.Signals)
            byGrade[(int)s.Grade]++;
        output.WriteLine(string.Create(c,
            $"signals: {result.Signals.Count} (EXTREME {byGrade[4]}, VERY_HIGH {byGrade[3]}, HIGH {byGrade[2]}, MODERATE {byGrade[1]})"));
        if (signalsPath is not null)
        {
            using var writer = new StreamWriter(signalsPath);
            foreach (var s in result.Signals)
                writer.WriteLine(SignalText.Format(in s, result.Registry));
            output.WriteLine($"signals written to {signalsPath}");
        }
        if (labelsPath is not null)
        {
            EpisodeLabelCsv.Write(labelsPath, result.Labels);
            output.WriteLine($"labels written to {labelsPath}");
        }
        result.Report.Write(output);
        return ExitCodes.Ok;
    }

    /// <summary>Parses 90s, 10m, 1h, 500ms or plain seconds into a positive duration.</summary>
    public static TimeSpan ParseDuration(string text, string option)
    {
        var t = text.Trim();
        double scale = 1;
        if (t.EndsWith("ms", StringComparison.OrdinalIgnoreCase)) { scale = 0.001; t = t[..^2]; }
        else if (t.EndsWith('s') || t.EndsWith('S')) t = t[..^1];
        else if (t.EndsWith('m') || t.EndsWith('M')) { scale = 60; t = t[..^1]; }
        else if (t.EndsWith('h') || t.EndsWith('H')) { scale = 3600; t = t[..^1]; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || value * scale > 366 * 86400)
            throw new ArgumentException($"{option} must be a positive duration such as 90s, 10m or 1h, got '{text}'");
        return TimeSpan.FromSeconds(value * scale);
    }
}
