namespace FlowEngine.Journal;

/// <summary>
/// Damage a reader refuses to pass over (it was not opened with <see cref="JournalReadOptions.SkipBadBlocks"/>,
/// or the damage cannot be skipped). An <see cref="IOException"/> (InvalidDataException is sealed) so the CLI
/// prints it as one line.
/// </summary>
public sealed class JournalCorruptException : IOException
{
    /// <summary>Creates the exception for <paramref name="problem"/>.</summary>
    public JournalCorruptException(JournalProblem problem)
        : base(Describe(problem))
    {
        Problem = problem;
    }

    /// <summary>What was found and where.</summary>
    public JournalProblem Problem { get; }

    private static string Describe(JournalProblem problem)
    {
        var hint = problem.Kind switch
        {
            JournalProblemKind.TornTail => " (the writer stopped mid-block; `flowengine journal recover` truncates it)",
            JournalProblemKind.FutureVersion => "",
            _ => " (read with --skip-bad-blocks to skip it and report what was skipped)",
        };
        return "journal: " + problem.Message + hint;
    }
}
