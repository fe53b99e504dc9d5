namespace FlowEngine.Engine.Configuration;

/// <summary>Block compression of journal segments.</summary>
public enum JournalCompression
{
    /// <summary>LZ4 blocks: smaller journals at a small CPU cost.</summary>
    Lz4,
    /// <summary>Raw blocks: cheapest to write, largest on disk.</summary>
    None,
}
