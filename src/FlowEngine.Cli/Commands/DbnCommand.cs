using System.CommandLine;

namespace FlowEngine.Cli.Commands;

/// <summary><c>flowengine dbn</c>: tools for Databento DBN files (print, info).</summary>
internal static class DbnCommand
{
    public static Command Create()
    {
        var command = new Command("dbn", "Inspect Databento DBN files: print MBO records as CSV/JSON, summarise metadata and record counts.");
        command.Subcommands.Add(DbnPrintCommand.Create());
        command.Subcommands.Add(DbnInfoCommand.Create());
        return command;
    }
}
