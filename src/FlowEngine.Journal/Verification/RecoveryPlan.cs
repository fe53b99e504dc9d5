namespace FlowEngine.Journal;

/// <summary>
/// What recovery will do, computed before touching anything so it can be shown and confirmed first.
/// </summary>
/// <param name="Summary">The verification the plan is based on.</param>
/// <param name="Action">What would be done.</param>
/// <param name="Segment">The segment file affected (empty for None/Refuse).</param>
/// <param name="SegmentLength">Its length when planned; apply refuses if it changed since.</param>
/// <param name="TruncateTo">New length for <see cref="RecoveryAction.Truncate"/>.</param>
/// <param name="TornTail">The torn-tail problem being removed (null for None/Refuse).</param>
public sealed record RecoveryPlan(
    JournalSummary Summary, RecoveryAction Action, string Segment, long SegmentLength, long TruncateTo, JournalProblem? TornTail)
{
    /// <summary>Bytes the action drops.</summary>
    public long BytesDropped => Action switch
    {
        RecoveryAction.Truncate => SegmentLength - TruncateTo,
        RecoveryAction.DeleteSegment => SegmentLength,
        _ => 0,
    };

    /// <summary>One paragraph saying what will be dropped and why, or why nothing will be done.</summary>
    public string Describe()
    {
        switch (Action)
        {
            case RecoveryAction.None:
                return "journal is clean: nothing to recover";
            case RecoveryAction.Truncate:
                var records = TornTail!.RecordsAffected >= 0 ? $"; the torn block claimed {TornTail.RecordsAffected} records" : "";
                return $"will truncate {Segment} from {SegmentLength} to {TruncateTo} bytes, dropping {BytesDropped} bytes at byte offset {TruncateTo}" +
                       $" (block {TornTail.Block}){records}. Found: {TornTail.Message}. " +
                       $"Kept: {Summary.Records} records up to sequence {Summary.LastSequence}.";
            case RecoveryAction.DeleteSegment:
                return $"will delete {Segment} ({SegmentLength} bytes): {TornTail!.Message}. " +
                       $"Kept: {Summary.Records} records up to sequence {Summary.LastSequence}.";
            default:
                var problems = string.Join(Environment.NewLine + "  ", Summary.Problems.Select(p => p.Message));
                return "refusing to recover: the journal has damage that is not a torn tail, and recovery never repairs that " +
                       "(read it with --skip-bad-blocks to skip the bad blocks and see exactly what is skipped):" +
                       Environment.NewLine + "  " + problems;
        }
    }
}
