namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>baseline</c> section: the history IFD compares each measure with. Without a snapshot the scorer
/// says <c>baseline: warming up</c> on every signal and caps grades at MODERATE instead of inventing figures.
/// </summary>
public sealed record BaselineConfig
{
    /// <summary>
    /// A baseline snapshot file (from <c>flowengine baseline build</c>) loaded at start; empty for none. The run
    /// keeps a copy in its directory so replay and parity score against exactly the same history.
    /// </summary>
    public string Snapshot { get; init; } = "";

    /// <summary>
    /// Whether a run that ends cleanly folds its session into <see cref="Snapshot"/> and replaces that file
    /// (atomically) with the result, so the next run starts from the longer history. Default true; only matters
    /// when a snapshot is configured. Every run writes its updated baseline into its own directory either way
    /// (<c>baseline.updated.snapshot</c>); a replay never touches the configured file.
    /// </summary>
    public bool Update { get; init; } = true;
}
