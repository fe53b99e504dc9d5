using System.CommandLine;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// The list of top-level commands. Each command lives in its own file and is added here with one line,
/// so the root stays a plain table of contents.
/// </summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        // The order --help shows: running the engine first, then its clients, then the data tools.
        yield return RunCommand.Create();
        yield return ReplayCommand.Create();
        yield return ParityCommand.Create();
        yield return StatusCommand.Create();
        yield return StopCommand.Create();
        yield return ConfigCommand.Create();
        yield return JournalCommand.Create();
        yield return DbnCommand.Create();
        yield return BookCommand.Create();
        yield return EvalCommand.Create();
        yield return BaselineCommand.Create();
    }
}
