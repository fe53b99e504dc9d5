using System.CommandLine;
using FlowEngine.Journal;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine journal verify DIR</c>: checks every block and reports segments, records, time range and
/// each problem with segment, byte offset, block and kind. Exit 0 when clean, 1 when damaged.
/// </summary>
internal static class JournalVerifyCommand
{
    public static Command Create()
    {
        var dir = JournalCommand.RunDirectoryArgument();
        var command = new Command("verify", "Check every block of a journal; exit 0 when clean, 1 when damaged.") { dir };
        command.SetAction(parse => JournalCommand.ForEachStream(parse.GetRequiredValue(dir), parse.InvocationConfiguration.Output,
            stream => Run(stream, parse.InvocationConfiguration.Output)));
        return command;
    }

    public static int Run(string directory, TextWriter output)
    {
        var summary = JournalVerifier.Verify(directory);
        JournalReport.WriteOverview(summary, output);
        JournalReport.WriteProblems(summary, output);
        if (summary.IsClean)
        {
            output.WriteLine("verify: clean");
            return ExitCodes.Ok;
        }
        var torn = summary.Problems.Count == 1 && summary.Problems[0].Kind == JournalProblemKind.TornTail
            ? " (a torn tail: `flowengine journal recover` truncates it)"
            : "";
        output.WriteLine($"verify: damaged, {summary.Problems.Count} problem(s){torn}");
        return ExitCodes.Problem;
    }
}
