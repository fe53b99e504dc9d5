namespace FlowEngine.Journal;

/// <summary>
/// LZ4 block compression through liblz4 (raw blocks, no frame: the journal's own block header carries
/// lengths and a CRC, so the frame format would only duplicate them). The library is probed once per
/// process; when it cannot be loaded, <see cref="LoadError"/> says why and callers fall back to
/// <see cref="StoredBlockCodec"/>.
/// </summary>
public sealed unsafe class Lz4BlockCodec : IBlockCodec
{
    private static readonly Lazy<(int Version, string? Error)> Probe = new(ProbeLibrary);

    private Lz4BlockCodec()
    {
    }

    /// <summary>True when liblz4 loaded and answered its version call.</summary>
    public static bool IsAvailable => Probe.Value.Error is null;

    /// <summary>Why liblz4 could not be used, or null when it can.</summary>
    public static string? LoadError => Probe.Value.Error;

    /// <summary>liblz4's LZ4_versionNumber() (major*10000 + minor*100 + patch), or 0 when unavailable.</summary>
    public static int LibraryVersion => Probe.Value.Version;

    /// <summary>Returns the codec, or null with <paramref name="error"/> set when liblz4 cannot be loaded.</summary>
    public static Lz4BlockCodec? TryCreate(out string? error)
    {
        error = Probe.Value.Error;
        return error is null ? new Lz4BlockCodec() : null;
    }

    /// <inheritdoc />
    public BlockCodecId Id => BlockCodecId.Lz4;

    /// <inheritdoc />
    public int MaxCompressedLength(int rawLength) => Lz4Native.CompressBound(rawLength);

    /// <inheritdoc />
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
            return 0;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            return Lz4Native.CompressDefault(s, d, source.Length, destination.Length);
    }

    /// <inheritdoc />
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // LZ4_decompress_safe is liblz4's bounds-checked decoder: it never reads past source or writes past
        // destination and returns a negative number for malformed input.
        if (source.IsEmpty)
            return -1;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            return Lz4Native.DecompressSafe(s, d, source.Length, destination.Length);
    }

    private static (int, string?) ProbeLibrary()
    {
        try
        {
            var version = Lz4Native.VersionNumber();
            return version >= 10700
                ? (version, null)
                : (version, $"{Lz4Native.LibraryName} is version {FormatVersion(version)}; the journal needs 1.7.0 or newer");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return (0, $"{Lz4Native.LibraryName} could not be loaded ({ex.GetType().Name}: {ex.Message}); install liblz4-1 (tools/setup.sh)");
        }
    }

    /// <summary>Renders LZ4_versionNumber() as major.minor.patch.</summary>
    public static string FormatVersion(int version) => $"{version / 10000}.{version / 100 % 100}.{version % 100}";
}
