using System.Runtime.InteropServices;

namespace FlowEngine.Journal;

/// <summary>
/// The four liblz4 entry points the journal needs, bound with source-generated P/Invoke. K4os.Compression.LZ4
/// is not in our package registry; the reference C library is on every Debian/Ubuntu machine as liblz4-1.
/// </summary>
internal static unsafe partial class Lz4Native
{
    /// <summary>The soname Debian and Ubuntu ship (package liblz4-1).</summary>
    public const string LibraryName = "liblz4.so.1";

    [LibraryImport(LibraryName, EntryPoint = "LZ4_compress_default")]
    public static partial int CompressDefault(byte* source, byte* destination, int sourceSize, int maxDestinationSize);

    [LibraryImport(LibraryName, EntryPoint = "LZ4_decompress_safe")]
    public static partial int DecompressSafe(byte* source, byte* destination, int compressedSize, int maxDecompressedSize);

    [LibraryImport(LibraryName, EntryPoint = "LZ4_compressBound")]
    public static partial int CompressBound(int inputSize);

    [LibraryImport(LibraryName, EntryPoint = "LZ4_versionNumber")]
    public static partial int VersionNumber();
}
