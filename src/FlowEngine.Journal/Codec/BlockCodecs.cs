namespace FlowEngine.Journal;

/// <summary>Chooses the codec for writing (with the liblz4 fallback) and for reading a block's codec id.</summary>
public static class BlockCodecs
{
    /// <summary>
    /// The codec a writer should use for <paramref name="requested"/>. When LZ4 is requested but liblz4
    /// cannot be loaded, returns the stored codec and a <paramref name="warning"/> the caller logs once.
    /// </summary>
    public static IBlockCodec ForWriting(JournalCompression requested, out string? warning) =>
        ForWriting(requested, static () => (Lz4BlockCodec.TryCreate(out var error), error), out warning);

    internal static IBlockCodec ForWriting(
        JournalCompression requested, Func<(IBlockCodec? Codec, string? Error)> loadLz4, out string? warning)
    {
        warning = null;
        if (requested == JournalCompression.None)
            return StoredBlockCodec.Instance;
        var (codec, error) = loadLz4();
        if (codec is not null)
            return new Lz4TransposedBlockCodec(codec);
        warning = $"journal: LZ4 compression requested but unavailable, writing uncompressed blocks: {error}";
        return StoredBlockCodec.Instance;
    }

    /// <summary>The codec that decodes blocks tagged <paramref name="id"/>, or null with the reason.</summary>
    public static IBlockCodec? ForReading(BlockCodecId id, out string? error)
    {
        error = null;
        switch (id)
        {
            case BlockCodecId.None:
                return StoredBlockCodec.Instance;
            case BlockCodecId.Lz4:
                return Lz4BlockCodec.TryCreate(out error);
            case BlockCodecId.Lz4Transposed:
                return Lz4BlockCodec.TryCreate(out error) is { } lz4 ? new Lz4TransposedBlockCodec(lz4) : null;
            default:
                error = $"unknown block codec id {(byte)id}";
                return null;
        }
    }
}
