using System.CommandLine;
using FlowEngine.Cli.Commands;

namespace FlowEngine.Cli;

/// <summary>Entry point of the <c>flowengine</c> command.</summary>
public static class Program
{
    /// <summary>Parses the command line, runs the command and turns failures into one clear line.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "FlowEngine: a low-latency market-by-order pipeline. Watch order flow live, trade it on paper, replay any day bit for bit.");
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Wrong flags are the user's error like any other: one line each, and the same exit code.
            foreach (var error in parse.Errors)
                Console.Error.WriteLine("error: " + error.Message);
            Console.Error.WriteLine($"see 'flowengine {CommandPath(parse.CommandResult)} --help'");
            return ExitCodes.UserError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (UserError.Describe(ex) is { } message)
        {
            Console.Error.WriteLine("error: " + message);
            return ExitCodes.UserError;
        }
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
            names.Insert(0, current.Command.Name);
        return string.Join(' ', names);
    }
}
