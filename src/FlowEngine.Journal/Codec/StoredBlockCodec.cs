namespace FlowEngine.Journal;

/// <summary>The identity codec: blocks are stored raw. Used when compression is off or liblz4 is missing.</summary>
public sealed class StoredBlockCodec : IBlockCodec
{
    /// <summary>The one instance; the codec has no state.</summary>
    public static StoredBlockCodec Instance { get; } = new();

    private StoredBlockCodec()
    {
    }

    /// <inheritdoc />
    public BlockCodecId Id => BlockCodecId.None;

    /// <inheritdoc />
    public int MaxCompressedLength(int rawLength) => rawLength;

    /// <inheritdoc />
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length > destination.Length)
            return 0;
        source.CopyTo(destination);
        return source.Length;
    }

    /// <inheritdoc />
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length > destination.Length)
            return -1;
        source.CopyTo(destination);
        return source.Length;
    }
}
