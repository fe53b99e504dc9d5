namespace FlowEngine.Journal.Tests.Support;

/// <summary>Where each good block of a run sits, collected through the reader's observer hook.</summary>
internal sealed class BlockMap : IJournalBlockObserver
{
    public List<(string Segment, long Offset, long End, long Number, int Records)> Blocks { get; } = [];

    public static BlockMap Of(string runDirectory)
    {
        var map = new BlockMap();
        using var reader = JournalReader.Open(runDirectory);
        reader.Observer = map;
        while (reader.TryRead(out _))
        {
        }
        return map;
    }

    public void OnSegmentOpened(SegmentState segment)
    {
    }

    public void OnBlock(SegmentState segment, long offset, in BlockHeader header) =>
        Blocks.Add((segment.FileName, offset, offset + header.TotalLength, header.BlockNumber, header.RecordCount));
}
