using System.CommandLine;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine journal …</c>: the operator's tools for a run's journal — check it, cut off a torn tail,
/// and summarise it. Replay and parity are separate top-level commands.
/// </summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var journal = new Command("journal", "Check, recover, summarise and export a run's journal (journal/<run-id>/).");
        journal.Subcommands.Add(JournalVerifyCommand.Create());
        journal.Subcommands.Add(JournalRecoverCommand.Create());
        journal.Subcommands.Add(JournalInspectCommand.Create());
        journal.Subcommands.Add(JournalExportCommand.Create());
        return journal;
    }

    /// <summary>The DIR argument every journal subcommand takes.</summary>
    public static Argument<string> RunDirectoryArgument() => new("DIR")
    {
        Description = "A run directory (its inputs/ and outputs/ journals are each handled) or one journal directory (the folder holding segment-NNNNNN.fej files).",
    };

    /// <summary>
    /// Runs <paramref name="run"/> on each journal in <paramref name="directory"/>: a run directory written by
    /// <c>flowengine run</c> holds two (<c>inputs/</c>, <c>outputs/</c>), each headed by its name; any other
    /// folder is one journal. Returns the worst exit code.
    /// </summary>
    public static int ForEachStream(string directory, TextWriter output, Func<string, int> run)
    {
        var streams = Engine.Runs.RunLayout.JournalStreams(directory);
        var code = ExitCodes.Ok;
        foreach (var stream in streams)
        {
            if (streams.Count > 1 || !string.Equals(stream, Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)), StringComparison.Ordinal))
                output.WriteLine($"== {Path.GetFileName(stream)}/ ==");
            code = Math.Max(code, run(stream));
        }
        return code;
    }
}
