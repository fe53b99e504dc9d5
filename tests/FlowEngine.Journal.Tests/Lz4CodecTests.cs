using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using FlowEngine.Journal.Tests.Support;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Journal.Tests;

public class Lz4CodecTests
{
    private static Lz4BlockCodec Codec()
    {
        var codec = Lz4BlockCodec.TryCreate(out var error);
        Assert.True(codec is not null, "liblz4 must be installed for these tests (tools/setup.sh): " + error);
        return codec!;
    }

    private static byte[] EsBlock(int events)
    {
        var es = EsData.Events.AsSpan(1000, events);
        return MemoryMarshal.AsBytes(es).ToArray();
    }

    [Fact]
    public void Liblz4_loads_and_reports_its_version()
    {
        Assert.True(Lz4BlockCodec.IsAvailable, Lz4BlockCodec.LoadError);
        Assert.Null(Lz4BlockCodec.LoadError);
        Assert.True(Lz4BlockCodec.LibraryVersion >= 10700, $"version {Lz4BlockCodec.LibraryVersion}");
        Assert.Matches(@"^1\.\d+\.\d+$", Lz4BlockCodec.FormatVersion(Lz4BlockCodec.LibraryVersion));
    }

    [Fact]
    public void Round_trips_real_market_data_and_shrinks_it()
    {
        var codec = Codec();
        var raw = EsBlock(1000);
        var compressed = new byte[codec.MaxCompressedLength(raw.Length)];
        var n = codec.Compress(raw, compressed);
        Assert.InRange(n, 1, raw.Length / 2);
        var back = new byte[raw.Length];
        Assert.Equal(raw.Length, codec.Decompress(compressed.AsSpan(0, n), back));
        Assert.Equal(raw, back);
    }

    [Fact]
    public void Round_trips_arbitrary_bytes()
    {
        var codec = Codec();
        Prop.ForAll<byte[]>(raw =>
        {
            if (raw.Length == 0)
                return codec.Compress(raw, new byte[16]) == 0;
            var compressed = new byte[codec.MaxCompressedLength(raw.Length)];
            var n = codec.Compress(raw, compressed);
            var back = new byte[raw.Length];
            return n > 0 && codec.Decompress(compressed.AsSpan(0, n), back) == raw.Length && back.AsSpan().SequenceEqual(raw);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compress_reports_zero_when_the_output_does_not_fit()
    {
        var codec = Codec();
        var noise = new byte[4096];
        new Random(3).NextBytes(noise);
        Assert.Equal(0, codec.Compress(noise, new byte[100]));
    }

    [Fact]
    public void Malformed_input_is_rejected_without_crashing()
    {
        var codec = Codec();
        Prop.ForAll<byte[]>(garbage =>
        {
            var dst = new byte[4096];
            var n = codec.Decompress(garbage, dst);
            return n <= dst.Length;
        }).QuickCheckThrowOnFailure();
        Assert.True(codec.Decompress([], new byte[10]) < 0);
        // A valid block decoded into a destination one byte too small must fail, not overrun.
        var raw = EsBlock(10);
        var compressed = new byte[codec.MaxCompressedLength(raw.Length)];
        var len = codec.Compress(raw, compressed);
        Assert.True(codec.Decompress(compressed.AsSpan(0, len), new byte[raw.Length - 1]) < 0);
    }

    [Fact]
    public void Stored_codec_is_the_identity()
    {
        var raw = EsBlock(3);
        var dst = new byte[raw.Length];
        Assert.Equal(raw.Length, StoredBlockCodec.Instance.Compress(raw, dst));
        Assert.Equal(raw, dst);
        Assert.Equal(-1, StoredBlockCodec.Instance.Decompress(raw, new byte[raw.Length - 1]));
    }

    [Fact]
    public void Missing_library_falls_back_to_stored_blocks_with_one_warning()
    {
        var codec = BlockCodecs.ForWriting(JournalCompression.Lz4, () => (null, "liblz4.so.1: cannot open shared object file"), out var warning);
        Assert.Same(StoredBlockCodec.Instance, codec);
        Assert.Equal("journal: LZ4 compression requested but unavailable, writing uncompressed blocks: liblz4.so.1: cannot open shared object file", warning);
        Assert.Same(StoredBlockCodec.Instance, BlockCodecs.ForWriting(JournalCompression.None, out var none));
        Assert.Null(none);
        Assert.Null(BlockCodecs.ForReading((BlockCodecId)9, out var error));
        Assert.Equal("unknown block codec id 9", error);
    }

    // ---- Cross-check against the lz4 command-line tool (part of the lz4 package, installed by tools/setup.sh).

    [Fact]
    public void Our_blocks_decode_with_the_lz4_cli_and_its_blocks_decode_with_our_codec()
    {
        var cli = FindLz4Cli();
        Assert.True(cli is not null, "the lz4 command-line tool is not installed (apt-get install lz4, or tools/setup.sh)");
        var codec = Codec();
        var raw = EsBlock(800); // 51,200 bytes: one 64 KiB LZ4 frame block
        var compressed = new byte[codec.MaxCompressedLength(raw.Length)];
        var n = codec.Compress(raw, compressed);

        // Our raw block, wrapped in a minimal LZ4 frame, must decompress with `lz4 -d` to the original bytes.
        var frame = Lz4Frame.Wrap(compressed.AsSpan(0, n));
        Assert.Equal(raw, RunLz4(cli!, "-d -c", frame));

        // And a block `lz4` compresses (64 KiB independent blocks, no checksums) must decode with our codec.
        var cliFrame = RunLz4(cli!, "-c -B4 -BI --no-frame-crc", raw);
        var blocks = Lz4Frame.Blocks(cliFrame);
        var block = Assert.Single(blocks);
        Assert.True(block.Compressed);
        var back = new byte[raw.Length];
        Assert.Equal(raw.Length, codec.Decompress(block.Data, back));
        Assert.Equal(raw, back);

        // Same liblz4 release, same acceleration (1): the CLI's block is byte-identical to ours. Only
        // asserted when the versions match, because LZ4 does not promise identical output across releases.
        var cliVersion = System.Text.Encoding.ASCII.GetString(RunLz4(cli!, "--version", []));
        if (cliVersion.Contains("v" + Lz4BlockCodec.FormatVersion(Lz4BlockCodec.LibraryVersion) + ","))
            Assert.Equal(compressed.AsSpan(0, n).ToArray(), block.Data);
    }

    private static string? FindLz4Cli()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, "lz4");
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    private static byte[] RunLz4(string cli, string args, byte[] input)
    {
        var psi = new ProcessStartInfo(cli, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        Assert.True(copy.Wait(TimeSpan.FromSeconds(30)), "lz4 did not finish");
        Assert.True(process.WaitForExit(30_000));
        Assert.True(process.ExitCode == 0, $"lz4 {args} failed: {stderr.Result}");
        return stdout.ToArray();
    }

    /// <summary>Just enough of the LZ4 frame format (lz4_Frame_format.md) to wrap and unwrap blocks.</summary>
    private static class Lz4Frame
    {
        private const uint Magic = 0x184D2204;

        public static byte[] Wrap(ReadOnlySpan<byte> block)
        {
            var ms = new MemoryStream();
            Span<byte> b4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b4, Magic);
            ms.Write(b4);
            byte flg = 0x60; // version 01, block independence, no checksums, no content size
            byte bd = 0x40;  // 64 KiB max block size
            ms.WriteByte(flg);
            ms.WriteByte(bd);
            ms.WriteByte((byte)(XxHash32(new[] { flg, bd }) >> 8));
            BinaryPrimitives.WriteUInt32LittleEndian(b4, (uint)block.Length);
            ms.Write(b4);
            ms.Write(block);
            BinaryPrimitives.WriteUInt32LittleEndian(b4, 0); // end mark
            ms.Write(b4);
            return ms.ToArray();
        }

        public static List<(bool Compressed, byte[] Data)> Blocks(byte[] frame)
        {
            Assert.Equal(Magic, BinaryPrimitives.ReadUInt32LittleEndian(frame));
            var flg = frame[4];
            var pos = 6 + ((flg & 0x08) != 0 ? 8 : 0) + ((flg & 0x01) != 0 ? 4 : 0) + 1;
            var blocks = new List<(bool, byte[])>();
            while (true)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(pos));
                pos += 4;
                if (size == 0)
                    break;
                var length = (int)(size & 0x7FFFFFFF);
                blocks.Add(((size & 0x80000000) == 0, frame.AsSpan(pos, length).ToArray()));
                pos += length + ((flg & 0x10) != 0 ? 4 : 0);
            }
            return blocks;
        }

        /// <summary>XXH32 with seed 0 (the frame header checksum).</summary>
        private static uint XxHash32(byte[] input)
        {
            const uint p1 = 2654435761u, p2 = 2246822519u, p3 = 3266489917u, p4 = 668265263u, p5 = 374761393u;
            var h = p5 + (uint)input.Length;
            var i = 0;
            for (; i + 4 <= input.Length; i += 4)
                h = uint.RotateLeft(h + BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(i)) * p3, 17) * p4;
            for (; i < input.Length; i++)
                h = uint.RotateLeft(h + input[i] * p5, 11) * p1;
            h ^= h >> 15;
            h *= p2;
            h ^= h >> 13;
            h *= p3;
            h ^= h >> 16;
            return h;
        }
    }
}
