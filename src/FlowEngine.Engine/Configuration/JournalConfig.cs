namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>journal</c> section: where and how the run's inputs and outputs are recorded.</summary>
public sealed record JournalConfig
{
    /// <summary>Smallest accepted segment size: 1 MiB.</summary>
    public const long MinSegmentBytes = 1L << 20;

    /// <summary>Largest accepted segment size: 16 GiB.</summary>
    public const long MaxSegmentBytes = 16L << 30;

    /// <summary>Largest accepted fsync interval: one minute.</summary>
    public const int MaxBatchFsyncMs = 60_000;

    /// <summary>Folder that holds one sub-folder per run (relative paths are relative to the working directory).</summary>
    public string Root { get; init; } = "journal";

    /// <summary>Whether the run is journaled at all. Without a journal there is no replay or parity.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Block compression.</summary>
    public JournalCompression Compression { get; init; } = JournalCompression.Lz4;

    /// <summary>When blocks are forced to disk.</summary>
    public JournalDurability Durability { get; init; } = JournalDurability.Batch;

    /// <summary>Interval between fsyncs under <see cref="JournalDurability.Batch"/>, in milliseconds.</summary>
    public int BatchFsyncMs { get; init; } = 100;

    /// <summary>Size at which a segment file is closed and the next one started.</summary>
    public long SegmentBytes { get; init; } = 256L << 20;
}
