namespace FlowEngine.Journal;

/// <summary>How a reader treats damage.</summary>
public sealed record JournalReadOptions
{
    /// <summary>
    /// Skip damaged blocks (and missing segments) instead of failing, recording each in
    /// <see cref="JournalReader.Problems"/> with exactly what was skipped. Off by default: damage in the
    /// middle of a journal is never passed over silently. A segment of a future format version is always an error.
    /// </summary>
    public bool SkipBadBlocks { get; init; }
}
