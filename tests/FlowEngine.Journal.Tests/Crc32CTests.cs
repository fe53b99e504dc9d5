using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Journal.Tests;

public class Crc32CTests
{
    /// <summary>Bit-at-a-time CRC-32C (reflected polynomial 0x82F63B78): slow, obviously right.</summary>
    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Matches_the_published_check_value()
    {
        // The standard check value for CRC-32C of "123456789" (RFC 3720 / the Rocksoft catalogue).
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Fast_path_matches_bitwise_reference_at_every_length_and_alignment()
    {
        var data = new byte[300];
        new Random(7).NextBytes(data);
        for (var start = 0; start < 8; start++)
        {
            for (var length = 0; length + start <= 200; length++)
                Assert.Equal(Reference(data.AsSpan(start, length)), Crc32C.Compute(data.AsSpan(start, length)));
        }
    }

    [Fact]
    public void Append_chains_like_concatenation()
    {
        Prop.ForAll<byte[], byte[]>((a, b) =>
        {
            var whole = a.Concat(b).ToArray();
            return Crc32C.Append(Crc32C.Compute(a), b) == Crc32C.Compute(whole) && Crc32C.Compute(whole) == Reference(whole);
        }).QuickCheckThrowOnFailure();
    }
}
