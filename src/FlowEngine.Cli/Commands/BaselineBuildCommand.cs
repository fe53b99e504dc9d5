using System.CommandLine;
using System.Globalization;
using FlowEngine.Flow.Baselines;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine baseline build FILE... --out PATH [--from PATH]</c>: replays DBN files (one session each, in
/// the order given) through book and pressure and writes the baseline snapshot. The same inputs always give
/// the same bytes, so a baseline can be rebuilt exactly from the recordings it came from.
/// </summary>
internal static class BaselineBuildCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "DBN files with MBO records, one session each, oldest first.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Snapshot file to write.", Required = true };
        var from = new Option<string?>("--from") { Description = "Start from this snapshot instead of an empty baseline (its options are kept)." };
        var sessions = new Option<int>("--sessions-kept") { Description = "Sessions of history per key (new baselines only).", DefaultValueFactory = _ => 20 };
        var bucket = new Option<int>("--bucket-minutes") { Description = "Time-of-day bucket length in minutes, UTC (new baselines only).", DefaultValueFactory = _ => 30 };
        var minSessions = new Option<int>("--min-sessions") { Description = "Sessions a key needs before scoring uses it (new baselines only).", DefaultValueFactory = _ => 3 };

        var command = new Command("build", "Build a baseline snapshot by replaying recorded DBN sessions.");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { output, from, sessions, bucket, minSessions })
            command.Options.Add(option);
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(output)!,
            parse.GetValue(from),
            new BaselineOptions
            {
                SessionsKept = parse.GetValue(sessions),
                BucketMinutes = parse.GetValue(bucket),
                MinSessions = Math.Min(parse.GetValue(minSessions), Math.Max(1, parse.GetValue(sessions))),
            },
            Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string outPath, string? fromPath, BaselineOptions options, TextWriter output)
    {
        BaselineCommand.RequireFiles(files);
        if (fromPath is not null)
            BaselineCommand.RequireFiles([fromPath]);
        var store = fromPath is null ? new BaselineStore(options) : BaselineSnapshot.Load(fromPath);
        var replay = new BaselineReplay(store, sink: null);
        foreach (var file in files)
            replay.ReplaySession(file, endSession: true);
        BaselineSnapshot.Save(store, outPath);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline: {files.Count} session(s), {replay.Records} records ({replay.LiveRecords} live MBO), {store.SeriesCount} series, {store.SessionsEnded} sessions in total -> {outPath}"));
        return ExitCodes.Ok;
    }
}
