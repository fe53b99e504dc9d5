using System.CommandLine;

namespace FlowEngine.Cli.Commands;

/// <summary><c>flowengine baseline</c>: build, inspect and use the rolling baselines IFD scoring compares against.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var command = new Command("baseline",
            "Rolling per-instrument, per-time-of-day baselines of order-flow pressure: build them from recorded sessions, show them, score sessions against them.");
        command.Subcommands.Add(BaselineBuildCommand.Create());
        command.Subcommands.Add(BaselineShowCommand.Create());
        command.Subcommands.Add(BaselineScoreCommand.Create());
        return command;
    }

    /// <summary>Checks every input exists before any work, so a typo in the last file does not waste the run.</summary>
    public static void RequireFiles(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file))
                throw new FileNotFoundException($"file not found: {file}", file);
        }
    }
}
