using System.Runtime.InteropServices;
using FlowEngine.Journal.Tests.Support;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Journal.Tests;

public class RecordTransposeTests
{
    /// <summary>ES events framed as input records (header word, sequence, event), as the writer lays out a block.</summary>
    private static byte[] EsRecords(int count)
    {
        var block = new byte[count * JournalFormat.InputRecordSize];
        var events = EsData.Events;
        for (var i = 0; i < count; i++)
        {
            var at = block.AsSpan(i * JournalFormat.InputRecordSize);
            MemoryMarshal.Write(at, JournalFormat.InputHeaderWord);
            MemoryMarshal.Write(at[8..], (long)i + 1);
            var e = events[1000 + i];
            MemoryMarshal.Write(at[JournalFormat.RecordHeaderSize..], in e);
        }
        return block;
    }

    [Fact]
    public void Byte_k_of_record_r_moves_to_k_times_records_plus_r_and_the_tail_stays()
    {
        Prop.ForAll<byte[]>(raw =>
        {
            var t = new byte[raw.Length];
            RecordTranspose.Forward(raw, t);
            const int S = RecordTranspose.Stride;
            var n = raw.Length / S;
            for (var r = 0; r < n; r++)
            {
                for (var k = 0; k < S; k++)
                {
                    if (t[k * n + r] != raw[r * S + k])
                        return false;
                }
            }
            return t.AsSpan(n * S).SequenceEqual(raw.AsSpan(n * S));
        }).QuickCheckThrowOnFailure();
        // FsCheck's arrays are short: cover the 8-record blocks and a ragged tail explicitly.
        var big = new byte[RecordTranspose.Stride * 203 + 37];
        new Random(5).NextBytes(big);
        var transposed = new byte[big.Length];
        RecordTranspose.Forward(big, transposed);
        Assert.Equal(big[RecordTranspose.Stride * 17 + 9], transposed[9 * 203 + 17]);
        Assert.Equal(big[^1], transposed[^1]);
        var back = new byte[big.Length];
        RecordTranspose.Inverse(transposed, back);
        Assert.Equal(big, back);
    }

    [Fact]
    public void Inverse_undoes_forward_for_any_bytes()
    {
        Prop.ForAll<byte[]>(raw =>
        {
            var t = new byte[raw.Length];
            var back = new byte[raw.Length];
            RecordTranspose.Forward(raw, t);
            RecordTranspose.Inverse(t, back);
            return back.AsSpan().SequenceEqual(raw);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_transposed_codec_round_trips_and_stores_far_less_than_plain_lz4_on_market_data()
    {
        var plain = Lz4BlockCodec.TryCreate(out var error);
        Assert.True(plain is not null, "liblz4 must be installed for these tests (tools/setup.sh): " + error);
        var codec = new Lz4TransposedBlockCodec(plain!);
        var raw = EsRecords(800); // 64,000 bytes: one full default block
        var buffer = new byte[codec.MaxCompressedLength(raw.Length)];
        var plainLength = plain!.Compress(raw, buffer);
        var n = codec.Compress(raw, buffer);
        Assert.InRange(n, 1, plainLength * 3 / 4);
        var back = new byte[raw.Length];
        Assert.Equal(raw.Length, codec.Decompress(buffer.AsSpan(0, n), back));
        Assert.Equal(raw, back);
        // Too small a destination fails instead of overrunning, and garbage never crashes.
        Assert.True(codec.Decompress(buffer.AsSpan(0, n), new byte[raw.Length - 1]) < 0);
        Prop.ForAll<byte[]>(garbage => codec.Decompress(garbage, new byte[4096]) <= 4096).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Readers_get_the_codec_each_block_id_names()
    {
        Assert.Equal(BlockCodecId.Lz4Transposed, BlockCodecs.ForReading(BlockCodecId.Lz4Transposed, out _)!.Id);
        Assert.Equal(BlockCodecId.Lz4, BlockCodecs.ForReading(BlockCodecId.Lz4, out _)!.Id);
        Assert.Equal(BlockCodecId.Lz4Transposed, BlockCodecs.ForWriting(JournalCompression.Lz4, out var warning).Id);
        Assert.Null(warning);
    }
}
