using Microsoft.Win32.SafeHandles;

namespace FlowEngine.Journal;

/// <summary>A reader's knowledge of one segment file, filled in when the reader first reaches it.</summary>
internal sealed class SegmentState
{
    public SegmentState(string path, int index)
    {
        Path = path;
        FileName = System.IO.Path.GetFileName(path);
        Index = index;
    }

    public string Path { get; }
    public string FileName { get; }
    /// <summary>Index parsed from the file name.</summary>
    public int Index { get; }
    /// <summary>Segment indices missing between the previous present segment and this one.</summary>
    public List<int> MissingBefore { get; } = [];
    public bool IsLast { get; set; }

    public bool Opened { get; set; }
    /// <summary>True when the header could not be used: the segment's blocks cannot be read.</summary>
    public bool Unusable { get; set; }
    /// <summary>True once the end-of-segment checks ran, so a seek back does not report them twice.</summary>
    public bool EndChecked { get; set; }
    public SafeFileHandle? Handle { get; set; }
    public long Length { get; set; }
    public JournalHeader? Header { get; set; }
    public bool HasTrailer { get; set; }
    public SegmentTrailer Trailer { get; set; }
    /// <summary>Where blocks end: the index offset of a closed segment, the file length otherwise.</summary>
    public long DataEnd { get; set; }
    /// <summary>The footer's index when it was present and intact.</summary>
    public BlockIndexEntry[]? FooterIndex { get; set; }
    /// <summary>An index rebuilt from block headers for segments without a usable footer (built on first seek).</summary>
    public List<BlockIndexEntry>? ScannedIndex { get; set; }
}
