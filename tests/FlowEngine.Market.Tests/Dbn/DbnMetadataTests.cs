using FlowEngine.Market.Dbn;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnMetadataTests
{
    private static long Ns(int year, int month, int day, int hour = 0) =>
        (new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    [Theory]
    [InlineData("test_data.mbo.v1.dbn", 1, 22)]
    [InlineData("test_data.mbo.v2.dbn", 2, 71)]
    [InlineData("test_data.mbo.v3.dbn", 3, 71)]
    [InlineData("test_data.mbo.dbn", 2, 71)]
    public void Every_version_of_the_fixture_decodes_to_the_same_request(string file, int version, int cstrLen)
    {
        using var reader = DbnFileReader.Open(DbnTestData.Format(file));
        var md = reader.Metadata;

        Assert.Equal(version, md.Version);
        Assert.Equal(cstrLen, md.SymbolCstrLen);
        Assert.Equal("GLBX.MDP3", md.Dataset);
        Assert.Equal(DbnSchema.Mbo, md.Schema);
        Assert.Equal("mbo", md.SchemaName);
        Assert.Equal(Ns(2020, 12, 28, 13), md.Start);
        Assert.Equal(Ns(2020, 12, 29), md.End);
        Assert.Equal(2UL, md.Limit);
        Assert.Equal(DbnSType.RawSymbol, md.StypeIn);
        Assert.Equal(DbnSType.InstrumentId, md.StypeOut);
        Assert.False(md.TsOut);
        Assert.Equal(["ESH1"], md.Symbols);
        Assert.Empty(md.Partial);
        Assert.Empty(md.NotFound);
        var mapping = Assert.Single(md.Mappings);
        Assert.Equal("ESH1", mapping.RawSymbol);
        var interval = Assert.Single(mapping.Intervals);
        Assert.Equal(new DbnMappingInterval(new DateOnly(2020, 12, 28), new DateOnly(2020, 12, 29), "5482"), interval);
        Assert.Equal(md.HeaderLength, reader.Position);
    }

    [Fact]
    public void Version_3_metadata_is_padded_to_8_bytes_and_records_start_after_it()
    {
        using var v2 = DbnFileReader.Open(DbnTestData.Format("test_data.mbo.v2.dbn"));
        using var v3 = DbnFileReader.Open(DbnTestData.Format("test_data.mbo.v3.dbn"));

        Assert.Equal(8 + 345, v2.Metadata.HeaderLength);
        Assert.Equal(8 + 352, v3.Metadata.HeaderLength);
        Assert.Equal(0, v3.Metadata.HeaderLength % 8);
    }

    [Fact]
    public void Version_1_record_count_sentinel_reads_as_absent()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Cme(DbnTestData.EsDay));

        Assert.Equal(1, reader.Metadata.Version);
        Assert.Null(reader.Metadata.RecordCount);
        Assert.Equal(0UL, reader.Metadata.Limit);
    }

    [Theory]
    [InlineData(DbnTestData.EsSnapshot, 2023, 12, 24)]
    [InlineData(DbnTestData.EsDay, 2023, 12, 25)]
    public void Cme_day_files_map_ESH4_to_instrument_17077(string file, int year, int month, int day)
    {
        using var reader = DbnFileReader.Open(DbnTestData.Cme(file));
        var md = reader.Metadata;

        Assert.Equal("GLBX.MDP3", md.Dataset);
        Assert.Equal(DbnSchema.Mbo, md.Schema);
        Assert.Equal(["ESH4"], md.Symbols);
        var interval = Assert.Single(Assert.Single(md.Mappings).Intervals);
        Assert.Equal("17077", interval.Symbol);
        Assert.Equal(new DateOnly(year, month, day), interval.StartDate);
        Assert.Equal(new DateOnly(year, month, day).AddDays(1), interval.EndDate);
        Assert.Equal(Ns(year, month, day), md.Start);
        Assert.Equal(Ns(year, month, day) + 86_400_000_000_000, md.End);
    }

    [Fact]
    public void Definition_file_metadata_lists_every_daily_instrument_id_of_MSFT()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Format("test_data.definition.dbn"));
        var md = reader.Metadata;

        Assert.Equal("XNAS.ITCH", md.Dataset);
        Assert.Equal(DbnSchema.Definition, md.Schema);
        var mapping = Assert.Single(md.Mappings);
        Assert.Equal("MSFT", mapping.RawSymbol);
        Assert.True(mapping.Intervals.Count > 50);
        Assert.Equal("6819", mapping.Intervals[0].Symbol);
        Assert.Equal(new DateOnly(2021, 10, 4), mapping.Intervals[0].StartDate);
        for (var i = 1; i < mapping.Intervals.Count; i++)
            Assert.Equal(mapping.Intervals[i - 1].EndDate, mapping.Intervals[i].StartDate);
    }

    [Fact]
    public void Python_fixture_is_version_3_with_limit_4()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Python("GLBX.MDP3.test_data.mbo.dbn"));

        Assert.Equal(3, reader.Metadata.Version);
        Assert.Equal(4UL, reader.Metadata.Limit);
        Assert.Equal(4, DbnTestData.ReadAll(reader).Count);
    }
}
