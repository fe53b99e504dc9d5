using System.CommandLine;
using System.Globalization;
using FlowEngine.Flow.Baselines;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine baseline build INPUT... --out PATH [--from PATH]</c>: replays recorded sessions (one each, in
/// the order given) through book and pressure and writes the baseline snapshot. An input is a DBN file or a run
/// the engine recorded (its directory or its <c>inputs/</c> journal), told apart by content. A run is replayed
/// exactly as the engine saw it, so runs R1, R2 built on snapshot S give byte for byte the snapshot the engine
/// wrote at the end of R2 when R2 started from R1's. The same inputs always give the same bytes.
/// </summary>
internal static class BaselineBuildCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("INPUT")
        {
            Description = "Recorded sessions, oldest first: DBN files with MBO records, or run directories (or their inputs/ journals) written by flowengine run.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Snapshot file to write.", Required = true };
        var from = new Option<string?>("--from") { Description = "Start from this snapshot instead of an empty baseline (its options are kept)." };
        var sessions = new Option<int>("--sessions-kept") { Description = "Sessions of history per key (new baselines only).", DefaultValueFactory = _ => 20 };
        var bucket = new Option<int>("--bucket-minutes") { Description = "Time-of-day bucket length in minutes, UTC (new baselines only).", DefaultValueFactory = _ => 30 };
        var minSessions = new Option<int>("--min-sessions") { Description = "Sessions a key needs before scoring uses it (new baselines only).", DefaultValueFactory = _ => 3 };

        var command = new Command("build", "Build a baseline snapshot by replaying recorded sessions: DBN files or the journals of engine runs.");
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
        // Classify every input before any work, so a typo in the last one does not waste the build.
        var inputs = files.Select(BaselineInput.Classify).ToList();
        if (fromPath is not null)
            BaselineCommand.RequireFiles([fromPath]);
        var store = fromPath is null ? new BaselineStore(options) : BaselineSnapshot.Load(fromPath);
        var replay = new BaselineReplay(store, sink: null);
        foreach (var input in inputs)
        {
            if (input.IsRun)
                replay.ReplayRun(input, endSession: true);
            else
                replay.ReplaySession(input.Path, endSession: true);
        }
        BaselineSnapshot.Save(store, outPath);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline: {files.Count} session(s) ({files.Count - replay.Runs} DBN file(s), {replay.Runs} run journal(s)), {replay.Records} records ({replay.LiveRecords} live MBO from DBN), {store.SeriesCount} series, {store.SessionsEnded} sessions in total -> {outPath}"));
        return ExitCodes.Ok;
    }
}
