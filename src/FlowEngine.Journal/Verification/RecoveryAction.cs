namespace FlowEngine.Journal;

/// <summary>What <see cref="JournalRecovery"/> would do to a run.</summary>
public enum RecoveryAction
{
    /// <summary>The run is clean; nothing to do.</summary>
    None,
    /// <summary>Cut the last segment back to its last good block.</summary>
    Truncate,
    /// <summary>Delete the last segment: its header was never completely written, so it holds nothing.</summary>
    DeleteSegment,
    /// <summary>The damage is not a torn tail; recovery never repairs it (read with --skip-bad-blocks instead).</summary>
    Refuse,
}
