using System.Buffers.Binary;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Tests.Dbn;

/// <summary>Every way a DBN input can be unusable: a clear message with file and offset, and no lost records.</summary>
public sealed class DbnMalformedInputTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] V2Mbo() => File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v2.dbn"));

    private DbnFormatException OpenFails(byte[] content, string name = "bad.dbn")
    {
        var path = _temp.File(name, content);
        var ex = Assert.Throws<DbnFormatException>(() => DbnFileReader.Open(path));
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith(path + ": byte " + ex.Offset, ex.Message);
        return ex;
    }

    [Fact]
    public void Wrong_magic_is_named_with_the_bytes_found()
    {
        var bytes = V2Mbo();
        bytes[2] = (byte)'X';

        var ex = OpenFails(bytes);

        Assert.Equal(0, ex.Offset);
        Assert.Contains("not a DBN file: expected the magic \"DBN\" at byte 0, found 0x44 0x42 0x58 0x02", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(200)]
    public void Unknown_version_is_rejected_at_byte_3(byte version)
    {
        var bytes = V2Mbo();
        bytes[3] = version;

        var ex = OpenFails(bytes);

        Assert.Equal(3, ex.Offset);
        Assert.Contains($"unknown DBN version {version}: this reader understands DBN versions 1, 2 and 3", ex.Message);
    }

    [Fact]
    public void Legacy_dbz_container_is_recognised_and_rejected_with_the_conversion_hint()
    {
        var path = DbnTestData.Format("test_data.mbo.dbz");

        var ex = Assert.Throws<DbnFormatException>(() => DbnFileReader.Open(path));

        Assert.Equal(0, ex.Offset);
        Assert.Contains("legacy DBZ container, convert with `dbn` CLI", ex.Message);
        Assert.StartsWith(path + ": byte 0: ", ex.Message);
    }

    [Fact]
    public void Zstd_compressed_dbn_is_recognised()
    {
        byte[] bytes = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x58, 0x3D, 0x01, 0x00, 0xE8];

        var ex = OpenFails(bytes, "data.dbn.zst");

        Assert.Contains("zstd-compressed data", ex.Message);
        Assert.Contains("zstd -d", ex.Message);
    }

    [Fact]
    public void Empty_file_says_so()
    {
        var ex = OpenFails([]);

        Assert.Equal(0, ex.Offset);
        Assert.Contains("empty input", ex.Message);
    }

    [Fact]
    public void Input_ending_inside_the_prelude_is_truncated_metadata()
    {
        var ex = OpenFails(V2Mbo()[..5]);

        Assert.Equal(5, ex.Offset);
        Assert.Contains("truncated metadata: the input ends after 5 bytes, inside the 8-byte DBN prelude", ex.Message);
    }

    [Fact]
    public void Input_ending_inside_the_metadata_names_where_the_header_should_end()
    {
        var ex = OpenFails(V2Mbo()[..200]);

        Assert.Equal(200, ex.Offset);
        Assert.Contains("truncated metadata: the prelude announces 345 bytes of metadata (header ends at byte 353) but the input ends at byte 200", ex.Message);
    }

    [Fact]
    public void Impossible_metadata_length_is_rejected_at_byte_4()
    {
        var bytes = V2Mbo();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 50);

        var ex = OpenFails(bytes);

        Assert.Equal(4, ex.Offset);
        Assert.Contains("bad metadata length 50", ex.Message);
    }

    [Fact]
    public void Symbol_count_running_past_the_metadata_is_truncated_metadata()
    {
        var bytes = V2Mbo();
        const int symbolsCountOffset = 8 + 104;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(symbolsCountOffset), 1000);

        var ex = OpenFails(bytes);

        Assert.Equal(symbolsCountOffset, ex.Offset);
        Assert.Contains("truncated metadata: the symbols list claims 1000 entries of 71 bytes", ex.Message);
    }

    [Fact]
    public void Invalid_mapping_date_is_named()
    {
        var bytes = V2Mbo();
        // symbols(1) + partial(0) + not_found(0) + mappings count + raw symbol + interval count, then start date.
        var dateOffset = 8 + 104 + 4 + 71 + 4 + 4 + 4 + 71 + 4;
        Assert.Equal(20201228u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(dateOffset)));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(dateOffset), 20201340);

        var ex = OpenFails(bytes);

        Assert.Equal(dateOffset, ex.Offset);
        Assert.Contains("bad start date 20201340 in symbol mapping 0 interval 0", ex.Message);
    }

    [Theory]
    [InlineData("test_data.mbp-1.dbn", "mbp-1")]
    [InlineData("test_data.mbp-10.dbn", "mbp-10")]
    [InlineData("test_data.trades.dbn", "trades")]
    public void A_whole_file_of_another_schema_is_rejected_naming_the_schema(string file, string schema)
    {
        var path = DbnTestData.Format(file);

        var ex = Assert.Throws<DbnFormatException>(() => DbnFileReader.Open(path));

        Assert.Equal(24, ex.Offset);
        Assert.Contains($"the file holds {schema} records (metadata schema {schema}), not MBO", ex.Message);
    }

    [Theory]
    [InlineData("test_data.mbp-1.dbn", DbnRType.Mbp1)]
    [InlineData("test_data.mbp-10.dbn", DbnRType.Mbp10)]
    [InlineData("test_data.trades.dbn", DbnRType.Mbp0)]
    public void Inspection_mode_reads_any_schema_and_counts_what_it_skipped(string file, byte rtype)
    {
        using var reader = DbnFileReader.Open(DbnTestData.Format(file), new DbnReaderOptions { AcceptAnySchema = true });

        Assert.Empty(DbnTestData.ReadAll(reader));
        Assert.Equal(2, reader.SkippedRecords);
        Assert.Equal(2, reader.RecordsRead);
        Assert.Equal(new Dictionary<byte, long> { [rtype] = 2 }, reader.SkippedByRType());
    }

    [Fact]
    public void Truncated_last_record_delivers_every_earlier_record_then_names_its_offset()
    {
        var full = File.ReadAllBytes(DbnTestData.Cme(DbnTestData.EsSnapshot));
        var offsets = DbnTestData.RecordOffsets(full);
        var expected = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.EsSnapshot));
        var path = _temp.File("cut.dbn", full[..^20]);

        using var reader = DbnFileReader.Open(path);
        var (delivered, ex) = DbnTestData.ReadUntilError(reader);

        Assert.Equal(expected.Take(8_724), delivered);
        Assert.Equal(offsets[^1], ex.Offset);
        Assert.Equal(8_724, ex.RecordIndex);
        Assert.Contains($"{path}: byte {offsets[^1]} (record 8724): truncated record: the length byte says 56 bytes of mbo (0xA0) but the input ends after 36 of them (at byte {full.Length - 20})", ex.Message);
    }

    [Fact]
    public void Input_ending_inside_a_record_header_is_truncated()
    {
        var full = V2Mbo();
        var offsets = DbnTestData.RecordOffsets(full);
        var path = _temp.File("cut-header.dbn", full[..(offsets[1] + 5)]);

        using var reader = DbnFileReader.Open(path);
        var (delivered, ex) = DbnTestData.ReadUntilError(reader);

        Assert.Single(delivered);
        Assert.Equal(offsets[1], ex.Offset);
        Assert.Contains("truncated record: the input ends 5 bytes into a 16-byte record header", ex.Message);
    }

    [Theory]
    [InlineData(0, "shorter than the 16-byte record header")]
    [InlineData(3, "shorter than the 16-byte record header")]
    [InlineData(10, "too small for an MBO record (rtype 0xA0), which needs 56 bytes")]
    public void Bad_length_byte_stops_at_that_record_after_delivering_the_ones_before(byte lengthByte, string why)
    {
        var full = File.ReadAllBytes(DbnTestData.Cme(DbnTestData.EsSnapshot));
        var offsets = DbnTestData.RecordOffsets(full);
        var expected = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.EsSnapshot));
        full[offsets[100]] = lengthByte;
        var path = _temp.File("bad-length.dbn", full);

        using var reader = DbnFileReader.Open(path);
        var (delivered, ex) = DbnTestData.ReadUntilError(reader);

        Assert.Equal(expected.Take(100), delivered);
        Assert.Equal(offsets[100], ex.Offset);
        Assert.Equal(100, ex.RecordIndex);
        Assert.Contains($"bad length byte {lengthByte} ({lengthByte * 4} bytes)", ex.Message);
        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public void The_error_repeats_if_the_caller_reads_again()
    {
        var full = V2Mbo();
        full[DbnTestData.RecordOffsets(full)[1]] = 0;
        using var reader = DbnFileReader.FromBytes(full, "in-memory");
        var (_, first) = DbnTestData.ReadUntilError(reader);
        var evt = default(MboEvent);

        var second = Assert.Throws<DbnFormatException>(() => reader.Read(ref evt));

        Assert.Equal(first.Message, second.Message);
        Assert.StartsWith("in-memory: byte ", second.Message);
    }

    [Fact]
    public void Definition_record_too_short_for_its_version_is_a_bad_length()
    {
        var bytes = File.ReadAllBytes(DbnTestData.Cme(DbnTestData.OrderBooksDefinition));
        var offset = DbnTestData.RecordOffsets(bytes)[0];
        bytes[offset] = 80; // 320 bytes; a v1 definition needs 360
        var path = _temp.File("short-def.dbn", bytes[..(offset + 320)]);

        using var reader = DbnFileReader.Open(path);
        var (delivered, ex) = DbnTestData.ReadUntilError(reader);

        Assert.Empty(delivered);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains("too small for an instrument definition (rtype 0x13) in DBN v1, which needs 360 bytes", ex.Message);
    }
}
