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
}
