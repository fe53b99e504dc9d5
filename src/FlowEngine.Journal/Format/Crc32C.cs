using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Journal;

/// <summary>
/// CRC-32C (Castagnoli) as in iSCSI/ext4, on the CPU's crc32 instruction through
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>: eight bytes per step on the fast path, so checksumming a
/// block costs far less than compressing it. Standard pre- and post-inversion, so values match other tools
/// and chain like zlib's crc32 (<c>Append(Compute(a), b) == Compute(a + b)</c>).
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of earlier bytes) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        ref var p = ref MemoryMarshal.GetReference(data);
        var n = data.Length;
        var i = 0;
        for (; i + 32 <= n; i += 32)
        {
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i + 8)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i + 16)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i + 24)));
        }
        for (; i + 8 <= n; i += 8)
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        for (; i < n; i++)
            c = BitOperations.Crc32C(c, Unsafe.Add(ref p, i));
        return ~c;
    }
}
