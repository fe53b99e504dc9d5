namespace FlowEngine.Journal;

/// <summary>
/// Removes a torn tail — the partial last block a killed writer leaves — and nothing else. Damage anywhere
/// else is refused: silently cutting good data out of the middle of a journal would break replay parity
/// without anyone noticing.
/// </summary>
public static class JournalRecovery
{
    /// <summary>Verifies the run and decides what recovery would do, without changing anything.</summary>
    public static RecoveryPlan Plan(string runDirectory)
    {
        var summary = JournalVerifier.Verify(runDirectory);
        if (summary.IsClean)
            return new RecoveryPlan(summary, RecoveryAction.None, "", 0, 0, null);
        if (summary.Problems.Count != 1 || summary.Problems[0].Kind != JournalProblemKind.TornTail)
            return new RecoveryPlan(summary, RecoveryAction.Refuse, "", 0, 0, null);
        var torn = summary.Problems[0];
        var length = new FileInfo(Path.Combine(summary.RunDirectory, torn.Segment)).Length;
        return torn.Offset < JournalFormat.HeaderSize
            ? new RecoveryPlan(summary, RecoveryAction.DeleteSegment, torn.Segment, length, 0, torn)
            : new RecoveryPlan(summary, RecoveryAction.Truncate, torn.Segment, length, torn.Offset, torn);
    }

    /// <summary>
    /// Carries out <paramref name="plan"/> (refusing if the segment changed since it was planned), makes the
    /// change durable, and returns a fresh verification of the result.
    /// </summary>
    public static JournalSummary Apply(RecoveryPlan plan) => Apply(plan, sync: true);

    /// <summary>Tests that recover thousands of copies skip the fsyncs; everything else is the same.</summary>
    internal static JournalSummary Apply(RecoveryPlan plan, bool sync)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Action == RecoveryAction.Refuse)
            throw new InvalidOperationException(plan.Describe());
        if (plan.Action == RecoveryAction.None)
            return plan.Summary;
        var dir = plan.Summary.RunDirectory;
        var path = Path.Combine(dir, plan.Segment);
        var length = new FileInfo(path).Length;
        if (length != plan.SegmentLength)
            throw new IOException($"journal: {path} is {length} bytes, not the {plan.SegmentLength} it was when recovery was planned; nothing changed (is a writer still running?)");
        if (plan.Action == RecoveryAction.DeleteSegment)
        {
            File.Delete(path);
        }
        else
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            RandomAccess.SetLength(handle, plan.TruncateTo);
            if (sync)
                RandomAccess.FlushToDisk(handle);
        }
        if (sync)
            NativeFile.SyncDirectory(dir);
        // Deleting the only segment (a run killed before its first header was written) leaves nothing to verify.
        return Directory.EnumerateFiles(dir, JournalFormat.SegmentPattern).Any()
            ? JournalVerifier.Verify(dir)
            : new JournalSummary(dir);
    }
}
