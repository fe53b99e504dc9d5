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
        Description = "The run's journal directory (the folder holding segment-NNNNNN.fej files).",
    };
}
