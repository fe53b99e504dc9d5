namespace FlowEngine.Journal;

/// <summary>
/// When the writer asks the kernel to put journal bytes on stable storage (fsync). Every policy hands each
/// block to the kernel as soon as it is full or the batch ends, so all of them survive a crash of the
/// process; they differ in what survives a power loss or kernel crash.
/// </summary>
public enum DurabilityPolicy : byte
{
    /// <summary>Never fsync: blocks live in the page cache. Survives a process crash (kill -9), not a power loss.</summary>
    None = 0,
    /// <summary>Fsync at most once per <see cref="JournalOptions.BatchSyncInterval"/>: a power loss loses at most that window.</summary>
    Batch = 1,
    /// <summary>Fsync before any block counts as durable (blocks queued together share one fsync): survives power loss.</summary>
    Always = 2,
}
