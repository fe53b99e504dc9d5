using System.CommandLine;
using System.Globalization;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine baseline score FILE... [--baseline PATH] [--update PATH]</c>: replays DBN sessions through
/// book → pressure → IFD against a baseline (none: warming up) and prints every signal with the factors behind
/// it. With <c>--update</c> each session is folded into the baseline afterwards and the result saved, as the
/// engine does at session end.
/// </summary>
internal static class BaselineScoreCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "DBN files with MBO records, one session each.", Arity = ArgumentArity.OneOrMore };
        var baseline = new Option<string?>("--baseline") { Description = "Baseline snapshot to compare with (default: none, scoring says 'warming up')." };
        var update = new Option<string?>("--update") { Description = "After scoring, fold the sessions into the baseline and write it here." };
        var command = new Command("score", "Score recorded DBN sessions with IFD against a baseline and print the signals.");
        command.Arguments.Add(files);
        command.Options.Add(baseline);
        command.Options.Add(update);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(baseline), parse.GetValue(update), Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? baselinePath, string? updatePath, TextWriter output)
    {
        BaselineCommand.RequireFiles(files);
        if (baselinePath is not null)
            BaselineCommand.RequireFiles([baselinePath]);
        var store = baselinePath is null ? new BaselineStore() : BaselineSnapshot.Load(baselinePath);
        var recorder = new SignalRecorder();
        var replay = new BaselineReplay(store, recorder);
        var c = CultureInfo.InvariantCulture;
        foreach (var file in files)
        {
            var before = recorder.Signals.Count;
            replay.ReplaySession(file, endSession: updatePath is not null);
            output.WriteLine(string.Create(c, $"{file}: {recorder.Signals.Count - before} signal(s)"));
        }
        var byGrade = new int[5];
        foreach (var s in recorder.Signals)
        {
            byGrade[(int)s.Grade]++;
            output.WriteLine(SignalText.Format(in s, replay.Registry));
        }
        output.WriteLine(string.Create(c,
            $"scored {files.Count} session(s), {replay.Records} records: {recorder.Signals.Count} signals (EXTREME {byGrade[4]}, VERY_HIGH {byGrade[3]}, HIGH {byGrade[2]}, MODERATE {byGrade[1]}); baseline {(baselinePath ?? "none (warming up)")}"));
        if (updatePath is not null)
        {
            BaselineSnapshot.Save(store, updatePath);
            output.WriteLine($"baseline updated -> {updatePath}");
        }
        return ExitCodes.Ok;
    }
}
