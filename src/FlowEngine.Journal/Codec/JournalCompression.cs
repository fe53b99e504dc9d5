namespace FlowEngine.Journal;

/// <summary>What the writer is asked to do with block payloads.</summary>
public enum JournalCompression
{
    /// <summary>Store blocks raw.</summary>
    None = 0,
    /// <summary>
    /// Compress each block with LZ4 after transposing it by record (<see cref="BlockCodecId.Lz4Transposed"/>; the
    /// default); falls back to raw, with a warning, when liblz4 is missing.
    /// </summary>
    Lz4 = 1,
}
