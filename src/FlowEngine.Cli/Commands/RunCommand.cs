using System.CommandLine;
using System.Globalization;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine run</c>: runs the engine on the simulator (the default: no files, no keys) or on DBN files,
/// flat out or paced like a live feed, journaling inputs and outputs into a new run directory, and prints the
/// run report. SIGINT/SIGTERM or <c>flowengine stop</c> end it cleanly.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var flags = new RunFlags();
        var source = new Option<string?>("--source")
        {
            Description = "Where events come from: simulator (default) or dbn:PATH[,PATH...] (DBN files, read in order)",
        };
        var events = new Option<long?>("--events")
        {
            Description = "Simulator: stop after this many events (0: no limit)",
        };
        var seed = new Option<long?>("--seed")
        {
            Description = "Simulator: seed (the same seed and settings give the same market)",
        };

        var command = new Command("run", "Run the engine: simulator or DBN files → ring → journal ∥ book → outputs; prints the run report");
        config.AddTo(command);
        command.Options.Add(source);
        command.Options.Add(events);
        command.Options.Add(seed);
        flags.AddTo(command);
        command.SetAction(parse =>
        {
            var overrides = SourceOverrides(parse.GetValue(source));
            if (parse.GetValue(events) is { } n)
                RunFlags.Add(overrides, "source.simulator.events", n.ToString(CultureInfo.InvariantCulture), "--events");
            if (parse.GetValue(seed) is { } s)
                RunFlags.Add(overrides, "source.simulator.seed", s.ToString(CultureInfo.InvariantCulture), "--seed");
            overrides.AddRange(flags.Overrides(parse));
            var effective = config.Load(parse, overrides);
            if (effective.Source.Kind != SourceKind.Simulator && (parse.GetValue(events) is not null || parse.GetValue(seed) is not null))
                throw new ArgumentException("--events and --seed apply to the simulator source only");
            if (effective.Source.Kind == SourceKind.Replay)
                throw new ArgumentException("source.kind replay is run with: flowengine replay <run directory>");

            return RunSession.Execute(new EngineRunOptions { Config = effective, RunId = parse.GetValue(flags.RunId) },
                parse.GetValue(flags.Report), parse.GetValue(flags.Quiet), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
                parse.GetValue(flags.Dashboard));
        });
        return command;
    }

    /// <summary>Turns <c>--source</c> into <c>source.kind</c> and <c>source.paths</c> overrides.</summary>
    internal static List<ConfigOverride> SourceOverrides(string? source)
    {
        var list = new List<ConfigOverride>();
        if (source is null)
            return list;
        var text = source.Trim();
        if (text.Equals("simulator", StringComparison.OrdinalIgnoreCase))
        {
            RunFlags.Add(list, "source.kind", "simulator", "--source");
            RunFlags.Add(list, "source.paths", "", "--source");
            return list;
        }
        if (text.StartsWith("dbn:", StringComparison.OrdinalIgnoreCase))
        {
            var paths = text[4..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (paths.Length == 0)
                throw new ArgumentException("--source dbn: needs at least one file, e.g. --source dbn:day1.dbn,day2.dbn");
            RunFlags.Add(list, "source.kind", "dbn", "--source");
            RunFlags.Add(list, "source.paths", string.Join(',', paths), "--source");
            return list;
        }
        var kind = text.Split(':', 2)[0];
        throw new ArgumentException($"--source: unknown source '{kind}'; expected simulator or dbn:PATH[,PATH...] (to replay a run: flowengine replay <run directory>)");
    }
}
