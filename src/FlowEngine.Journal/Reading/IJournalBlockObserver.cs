namespace FlowEngine.Journal;

/// <summary>Lets the verifier see each segment and good block the reader passes, without a second parser.</summary>
internal interface IJournalBlockObserver
{
    void OnSegmentOpened(SegmentState segment);

    void OnBlock(SegmentState segment, long offset, in BlockHeader header);
}
