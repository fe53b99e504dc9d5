namespace FlowEngine.Journal;

/// <summary>
/// One problem found in a journal, with everything an operator needs to find it: the segment file, the
/// byte offset, the global block number, and — when something was skipped — exactly how much.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Segment">Segment file name (e.g. <c>segment-000002.fej</c>).</param>
/// <param name="Offset">Byte offset in the segment where the problem starts.</param>
/// <param name="Block">Global number of the affected (or first missing) block, -1 when not about a block.</param>
/// <param name="Detail">What exactly failed (e.g. which CRC, which field).</param>
/// <param name="BytesAffected">Bytes skipped, or that recovery would drop; 0 when none.</param>
/// <param name="BlocksAffected">Blocks skipped or missing, -1 when unknown.</param>
/// <param name="RecordsAffected">Records skipped or missing, -1 when unknown (a block whose header is damaged cannot say).</param>
public sealed record JournalProblem(
    JournalProblemKind Kind,
    string Segment,
    long Offset,
    long Block,
    string Detail,
    long BytesAffected = 0,
    long BlocksAffected = -1,
    long RecordsAffected = -1)
{
    /// <summary>One line naming kind, segment, offset and block, e.g. for <c>journal verify</c>.</summary>
    public string Message
    {
        get
        {
            var where = Block >= 0 ? $"{Segment} at byte offset {Offset} (block {Block})" : $"{Segment} at byte offset {Offset}";
            var extent = BytesAffected > 0 ? $"; {BytesAffected} bytes" : "";
            if (BlocksAffected >= 0)
                extent += $", {BlocksAffected} block(s)";
            if (RecordsAffected >= 0)
                extent += $", {RecordsAffected} record(s)";
            return $"{KindText(Kind)}: {where}: {Detail}{extent}";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Message;

    /// <summary>The lower-case words used for a kind in messages ("bad CRC", "torn tail", …).</summary>
    public static string KindText(JournalProblemKind kind) => kind switch
    {
        JournalProblemKind.BadHeader => "bad header",
        JournalProblemKind.BadCrc => "bad CRC",
        JournalProblemKind.BadRecord => "bad record",
        JournalProblemKind.TornTail => "torn tail",
        JournalProblemKind.Truncated => "truncated segment",
        JournalProblemKind.MissingBlocks => "missing blocks",
        JournalProblemKind.MissingSegment => "missing segment",
        JournalProblemKind.BadIndex => "bad index",
        JournalProblemKind.FutureVersion => "future format version",
        _ => kind.ToString(),
    };
}
