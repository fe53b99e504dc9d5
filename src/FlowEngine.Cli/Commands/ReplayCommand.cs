using System.CommandLine;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine replay DIR</c>: feeds a run's journaled inputs (timer ticks included) through the same
/// pipeline under the run's recorded configuration, writing a new run directory next to it (or under
/// <c>--journal</c>). Flat out by default; <c>--speed 1x</c> replays at the recorded pace.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The run directory to replay (holds inputs/ and run.json)" };
        var flags = new RunFlags();
        var command = new Command("replay", "Replay a run's journaled inputs through the same pipeline into a new run directory");
        command.Arguments.Add(directory);
        flags.AddTo(command);
        command.SetAction(parse =>
        {
            var layout = RunLayout.Existing(parse.GetValue(directory)!);
            var manifest = RunManifest.Read(layout.ManifestFile);
            var overrides = new List<ConfigOverride>();
            RunFlags.Add(overrides, "source.kind", "replay", "replay DIR");
            RunFlags.Add(overrides, "source.paths", layout.Directory, "replay DIR");
            RunFlags.Add(overrides, "source.speed", "max", "replay default");
            RunFlags.Add(overrides, "journal.root", Path.GetDirectoryName(layout.Directory)!, "replay default");
            overrides.AddRange(flags.Overrides(parse));
            var config = ConfigLoader.Load(new ConfigLoadOptions
            {
                FileContent = manifest.ConfigJson,
                FilePath = layout.ManifestFile,
                Overrides = overrides,
            });
            return RunSession.Execute(
                new EngineRunOptions { Config = config, RunId = parse.GetValue(flags.RunId), RunIdPrefix = "replay-", ReplayOf = layout.Directory },
                parse.GetValue(flags.Report), parse.GetValue(flags.Quiet), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
                parse.GetValue(flags.Dashboard));
        });
        return command;
    }
}
