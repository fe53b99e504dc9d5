namespace FlowEngine.Journal;

/// <summary>What one segment holds, from its good blocks.</summary>
/// <param name="FileName">Segment file name.</param>
/// <param name="Index">Segment index.</param>
/// <param name="Length">File length in bytes.</param>
/// <param name="Closed">True when the segment has its index and trailer (the writer closed or rolled it).</param>
/// <param name="Blocks">Good blocks.</param>
/// <param name="Records">Records in good blocks.</param>
/// <param name="Inputs">Input records in good blocks.</param>
/// <param name="FirstSequence">Sequence of the first record, -1 when empty.</param>
/// <param name="LastSequence">Highest sequence, -1 when empty.</param>
public sealed record JournalSegmentSummary(
    string FileName, int Index, long Length, bool Closed, long Blocks, long Records, long Inputs, long FirstSequence, long LastSequence)
{
    /// <summary>Output records in good blocks.</summary>
    public long Outputs => Records - Inputs;
}
