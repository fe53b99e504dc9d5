using System.Buffers.Binary;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnTsOutAndMixedSchemaTests
{
    private const int TsOutFlagOffset = 8 + 16 + 2 + 8 + 8 + 8 + 2; // v2: after dataset, schema, start, end, limit, stype_in/out

    /// <summary>
    /// Turns a plain v2 file into its ts_out form by hand, as a Databento live gateway would send it: metadata
    /// ts_out = 1, each record 8 bytes longer with the length byte counting them.
    /// </summary>
    private static byte[] WithTsOut(byte[] plain, Func<int, ulong> tsOutOf)
    {
        var offsets = DbnTestData.RecordOffsets(plain);
        using var output = new MemoryStream();
        var header = plain[..offsets[0]];
        Assert.Equal(0, header[TsOutFlagOffset]);
        header[TsOutFlagOffset] = 1;
        output.Write(header);
        Span<byte> ts = stackalloc byte[8];
        for (var i = 0; i < offsets.Count; i++)
        {
            var record = plain.AsSpan(offsets[i], plain[offsets[i]] * 4).ToArray();
            record[0] += 2;
            output.Write(record);
            BinaryPrimitives.WriteUInt64LittleEndian(ts, tsOutOf(i));
            output.Write(ts);
        }

        return output.ToArray();
    }

    [Fact]
    public void Ts_out_records_decode_like_plain_ones_and_expose_the_send_time()
    {
        var plain = File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v2.dbn"));
        var withTsOut = WithTsOut(plain, i => 1_609_160_400_123_000_000UL + (ulong)i);

        using var reader = DbnFileReader.FromBytes(withTsOut, "ts-out");
        var evt = default(MboEvent);
        var expected = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v2.dbn"));

        Assert.True(reader.Metadata.TsOut);
        Assert.True(reader.Read(ref evt));
        Assert.Equal(expected[0], evt);
        Assert.Equal(1_609_160_400_123_000_000UL, reader.LastTsOut);
        Assert.True(reader.Read(ref evt));
        Assert.Equal(expected[1], evt);
        Assert.Equal(1_609_160_400_123_000_001UL, reader.LastTsOut);
        Assert.False(reader.Read(ref evt));
        Assert.Equal(withTsOut.Length, reader.Position);
    }

    [Fact]
    public void Ts_out_file_whose_records_lack_the_suffix_is_a_bad_length()
    {
        var plain = File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v2.dbn"));
        plain[TsOutFlagOffset] = 1; // claims ts_out, but records are 56 bytes

        using var reader = DbnFileReader.FromBytes(plain, "lying.dbn");
        var (delivered, ex) = DbnTestData.ReadUntilError(reader);

        Assert.Empty(delivered);
        Assert.Contains("bad length byte 14 (56 bytes) in the header of mbo (0xA0): too small for an MBO record (rtype 0xA0), which needs 64 bytes", ex.Message);
    }

    [Fact]
    public void Mixed_schema_file_delivers_mbo_and_skips_the_rest_with_counts_per_rtype()
    {
        var mbo = File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v2.dbn"));
        var mbp1 = File.ReadAllBytes(DbnTestData.Format("test_data.mbp-1.dbn"));
        var trades = File.ReadAllBytes(DbnTestData.Format("test_data.trades.dbn"));
        var mboOffsets = DbnTestData.RecordOffsets(mbo);
        var mbpOffsets = DbnTestData.RecordOffsets(mbp1);
        var tradeOffsets = DbnTestData.RecordOffsets(trades);
        using var file = new MemoryStream();
        var header = mbo[..mboOffsets[0]];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(24), DbnSchemaNames.MixedSchemaValue);
        file.Write(header);
        void Copy(byte[] src, int offset) => file.Write(src, offset, src[offset] * 4);
        Copy(mbp1, mbpOffsets[0]);
        Copy(mbo, mboOffsets[0]);
        Copy(trades, tradeOffsets[0]);
        Copy(mbp1, mbpOffsets[1]);
        Copy(mbo, mboOffsets[1]);
        Copy(trades, tradeOffsets[1]);
        file.Write([4, 0x77, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // a future rtype: header only

        using var reader = DbnFileReader.FromBytes(file.ToArray(), "mixed");
        var events = DbnTestData.ReadAll(reader);

        Assert.Null(reader.Metadata.Schema);
        Assert.Equal("mixed", reader.Metadata.SchemaName);
        Assert.Equal(DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v2.dbn")), events);
        Assert.Equal(7, reader.RecordsRead);
        Assert.Equal(5, reader.SkippedRecords);
        Assert.Equal(new Dictionary<byte, long> { [DbnRType.Mbp0] = 2, [DbnRType.Mbp1] = 2, [0x77] = 1 }, reader.SkippedByRType());
    }
}
