using System.CommandLine;
using FlowEngine.Journal;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine journal recover DIR [--yes]</c>: truncates a torn tail to the last good block after saying
/// exactly what it drops. Asks on a terminal; in scripts (stdin redirected) it changes nothing without
/// <c>--yes</c>. Damage that is not a torn tail is never repaired.
/// </summary>
internal static class JournalRecoverCommand
{
    public static Command Create()
    {
        var dir = JournalCommand.RunDirectoryArgument();
        var yes = new Option<bool>("--yes")
        {
            Description = "Confirm the truncation without asking (required when stdin is not a terminal).",
        };
        var command = new Command("recover", "Truncate a torn journal tail to the last good block (says what it drops first).") { dir, yes };
        command.SetAction(parse => JournalCommand.ForEachStream(parse.GetRequiredValue(dir), parse.InvocationConfiguration.Output, stream => Run(
            stream, parse.GetValue(yes), parse.InvocationConfiguration.Output, Console.In, interactive: !Console.IsInputRedirected)));
        return command;
    }

    public static int Run(string directory, bool yes, TextWriter output, TextReader input, bool interactive)
    {
        var plan = JournalRecovery.Plan(directory);
        output.WriteLine(plan.Describe());
        switch (plan.Action)
        {
            case RecoveryAction.None:
                return ExitCodes.Ok;
            case RecoveryAction.Refuse:
                return ExitCodes.Problem;
        }
        if (!yes)
        {
            if (!interactive)
            {
                output.WriteLine("recover: nothing changed: stdin is not a terminal, so there is no one to confirm; re-run with --yes");
                return ExitCodes.UserError;
            }
            output.Write("Proceed? [y/N] ");
            output.Flush();
            var answer = input.ReadLine()?.Trim();
            if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
            {
                output.WriteLine("recover: nothing changed");
                return ExitCodes.Problem;
            }
        }
        var after = JournalRecovery.Apply(plan);
        if (!after.IsClean)
        {
            JournalReport.WriteProblems(after, output);
            output.WriteLine("recover: the journal is still damaged after truncation");
            return ExitCodes.Problem;
        }
        output.WriteLine($"recover: done; {JournalReport.Count(after.Records)} records kept, last sequence {after.LastSequence}; the journal verifies clean");
        return ExitCodes.Ok;
    }
}
