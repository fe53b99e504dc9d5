namespace FlowEngine.Journal;

/// <summary>
/// How one block's payload is stored. Written into every block header (and the segment header records
/// the codec the writer chose), so a reader never guesses and a journal written without liblz4 stays
/// readable everywhere.
/// </summary>
public enum BlockCodecId : byte
{
    /// <summary>The payload is the raw records, uncompressed.</summary>
    None = 0,
    /// <summary>The payload is one raw LZ4 block (liblz4's LZ4_compress_default format, no frame).</summary>
    Lz4 = 1,
    /// <summary>
    /// One raw LZ4 block of the payload transposed by input-record stride (<see cref="RecordTranspose"/>): byte k
    /// of every 80-byte record side by side. What journals are written with since it was introduced.
    /// </summary>
    Lz4Transposed = 2,
}
