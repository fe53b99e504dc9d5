namespace FlowEngine.Journal;

/// <summary>
/// The narrow seam between the journal and a compression library: whole blocks in, whole blocks out,
/// caller-owned buffers, no allocation. Keeping it this small lets us bind a native library (liblz4)
/// today and swap the implementation later without touching the format code.
/// </summary>
public interface IBlockCodec
{
    /// <summary>The id written into each block header that this codec produced.</summary>
    BlockCodecId Id { get; }

    /// <summary>The largest output <see cref="Compress"/> can produce for <paramref name="rawLength"/> input bytes.</summary>
    int MaxCompressedLength(int rawLength);

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written,
    /// or 0 when the output does not fit (the journal then stores the block raw).
    /// </summary>
    int Compress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>
    /// Decompresses <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written,
    /// or a negative number when the input is malformed. Must never read or write out of bounds, whatever
    /// the input bytes are, because a reader feeds it data from disk.
    /// </summary>
    int Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}
