namespace FlowEngine.Engine.Configuration;

/// <summary>Where the events come from.</summary>
public enum SourceKind
{
    /// <summary>The built-in seeded market simulator: needs no files or keys.</summary>
    Simulator,
    /// <summary>One or more Databento DBN files, read in order.</summary>
    Dbn,
    /// <summary>A FlowEngine journal (run directory), replayed to recompute outputs.</summary>
    Replay,
}
