namespace FlowEngine.Journal;

/// <summary>What the appending thread knows about a full block when it hands the buffer to the disk thread.</summary>
internal struct PendingBlock
{
    public int RawLength;
    public int RecordCount;
    public int InputCount;
    public long FirstSequence;
    public long LastSequence;
    public long MinTsRecv;
    public long MaxTsRecv;
}
