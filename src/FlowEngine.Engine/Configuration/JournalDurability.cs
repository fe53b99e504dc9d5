namespace FlowEngine.Engine.Configuration;

/// <summary>When the journal forces written blocks to stable storage; bounds what a machine crash can lose.</summary>
public enum JournalDurability
{
    /// <summary>Never fsync; the OS flushes when it likes. A process crash loses nothing, a machine crash may.</summary>
    None,
    /// <summary>fsync at most every <see cref="JournalConfig.BatchFsyncMs"/> milliseconds.</summary>
    Batch,
    /// <summary>fsync after every block: safest and slowest.</summary>
    Always,
}
