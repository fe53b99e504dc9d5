using FlowEngine.Market.Events;

namespace FlowEngine.Journal;

/// <summary>
/// Everything <c>journal verify</c> and <c>journal inspect</c> report about a run: the header, each segment,
/// record counts by kind, sequence and time range, compression, and every problem found.
/// </summary>
public sealed class JournalSummary
{
    internal JournalSummary(string runDirectory)
    {
        RunDirectory = runDirectory;
    }

    /// <summary>The run directory.</summary>
    public string RunDirectory { get; }

    /// <summary>Header of the first readable segment; null when none is readable.</summary>
    public JournalHeader? Header { get; internal set; }

    /// <summary>Per-segment figures, in order (unreadable segments appear with zero blocks).</summary>
    public IReadOnlyList<JournalSegmentSummary> Segments { get; internal set; } = [];

    /// <summary>Every problem found, in the order met. Empty for a clean journal.</summary>
    public IReadOnlyList<JournalProblem> Problems { get; internal set; } = [];

    /// <summary>True when no problem was found.</summary>
    public bool IsClean => Problems.Count == 0;

    /// <summary>True when the writer closed the run cleanly (the last segment's trailer says so).</summary>
    public bool Closed { get; internal set; }

    /// <summary>Good blocks.</summary>
    public long Blocks { get; internal set; }

    /// <summary>Blocks stored LZ4-compressed (the rest did not shrink, or compression was off).</summary>
    public long CompressedBlocks { get; internal set; }

    /// <summary>Records in good blocks.</summary>
    public long Records { get; internal set; }

    /// <summary>Input records.</summary>
    public long Inputs { get; internal set; }

    /// <summary>Output records.</summary>
    public long Outputs => Records - Inputs;

    /// <summary>Inputs by event kind (MBO, timer tick, …), ordered by kind.</summary>
    public IReadOnlyList<KeyValuePair<EventKind, long>> InputsByKind { get; internal set; } = [];

    /// <summary>Outputs by output kind (see <see cref="JournalOutputKinds"/>), ordered by kind.</summary>
    public IReadOnlyList<KeyValuePair<ushort, long>> OutputsByKind { get; internal set; } = [];

    /// <summary>Sequence of the first record, -1 when there are none.</summary>
    public long FirstSequence { get; internal set; } = -1;

    /// <summary>Highest sequence, -1 when there are none.</summary>
    public long LastSequence { get; internal set; } = -1;

    /// <summary>Smallest input ts_recv (ns since the epoch); null without inputs.</summary>
    public long? MinTsRecv { get; internal set; }

    /// <summary>Largest input ts_recv (ns since the epoch); null without inputs.</summary>
    public long? MaxTsRecv { get; internal set; }

    /// <summary>Raw record bytes in good blocks.</summary>
    public long RawBytes { get; internal set; }

    /// <summary>On-disk bytes of good blocks (headers plus stored payloads).</summary>
    public long StoredBytes { get; internal set; }

    /// <summary>Total size of the segment files.</summary>
    public long FileBytes { get; internal set; }

    /// <summary>Raw bytes per stored byte (1.0 when nothing compresses; 0 when empty).</summary>
    public double CompressionRatio => StoredBytes == 0 ? 0 : (double)RawBytes / StoredBytes;
}
