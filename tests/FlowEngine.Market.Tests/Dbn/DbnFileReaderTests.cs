using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnFileReaderTests
{
    [Theory]
    [InlineData(DbnTestData.EsSnapshot, 8_725)]
    [InlineData(DbnTestData.EsDay, 68_792)]
    [InlineData(DbnTestData.OrderBooks, 13_796)]
    public void Cme_files_hold_the_published_record_counts(string file, int count)
    {
        using var reader = DbnFileReader.Open(DbnTestData.Cme(file));
        var events = DbnTestData.ReadAll(reader);

        Assert.Equal(count, events.Count);
        Assert.Equal(count, reader.RecordsRead);
        Assert.Equal(count, reader.MboRecordsRead);
        Assert.Equal(0, reader.SkippedRecords);
        Assert.All(events, e => Assert.Equal(EventKind.Mbo, e.Kind));
        Assert.Equal(new FileInfo(DbnTestData.Cme(file)).Length, reader.Position);
    }

    [Fact]
    public void Es_day_has_the_known_action_mix_and_last_record()
    {
        var events = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.EsDay));

        // shared/data/README.md: the 8,725-record snapshot, then live events.
        Assert.Equal(29_216, events.Count(e => e.Action == MboAction.Add));
        Assert.Equal(17_999, events.Count(e => e.Action == MboAction.Cancel));
        Assert.Equal(12_233, events.Count(e => e.Action == MboAction.Modify));
        Assert.Equal(6_371, events.Count(e => e.Action == MboAction.Fill));
        Assert.Equal(2_973, events.Count(e => e.Action == MboAction.Trade));
        Assert.All(events.Take(8_725), e => Assert.True((e.Flags & MboFlags.Snapshot) != 0));
        Assert.All(events, e => Assert.Equal(17077u, e.InstrumentId));
        Assert.Equal(1703548799446821072, events[^1].TsRecv);
        Assert.Equal(59585u, events[^1].Sequence);
    }

    [Fact]
    public void Snapshot_file_is_all_adds_flagged_snapshot_and_bad_ts_recv()
    {
        var events = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.EsSnapshot));

        Assert.All(events, e =>
        {
            Assert.Equal(MboAction.Add, e.Action);
            Assert.Equal(MboFlags.Snapshot | MboFlags.BadTsRecv, e.Flags & ~MboFlags.Last);
        });
    }

    [Fact]
    public void Orderbooks_file_starts_with_a_clear_of_ESM4()
    {
        var first = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.OrderBooks))[0];

        Assert.Equal(MboAction.Clear, first.Action);
        Assert.Equal(MboSide.None, first.Side);
        Assert.Equal(5602u, first.InstrumentId);
        Assert.Equal(MboEvent.UndefinedPrice, first.Price);
    }

    [Theory]
    [InlineData("dbn-cme", DbnTestData.EsDay)]
    [InlineData("dbn-cme", DbnTestData.OrderBooks)]
    [InlineData("dbn-format", "test_data.mbo.v1.dbn")]
    [InlineData("dbn-format", "test_data.mbo.v3.dbn")]
    [InlineData("python", "XNAS.ITCH.test_data.mbo.dbn")]
    [InlineData("python", "IFEU.IMPACT.test_data.mbo.dbn")]
    [InlineData("python", "NDEX.IMPACT.test_data.mbo.dbn")]
    public void Fast_path_decodes_every_field_like_a_plain_reference_decoder(string folder, string file)
    {
        var path = folder switch
        {
            "dbn-cme" => DbnTestData.Cme(file),
            "python" => DbnTestData.Python(file),
            _ => DbnTestData.Format(file),
        };
        var bytes = File.ReadAllBytes(path);
        var offsets = DbnTestData.RecordOffsets(bytes);

        var events = DbnTestData.ReadAll(path);

        Assert.Equal(offsets.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
            Assert.Equal(DbnTestData.ReferenceDecode(bytes.AsSpan(offsets[i])), events[i]);
    }

    [Fact]
    public void Versions_1_2_and_3_of_the_same_data_decode_to_identical_events()
    {
        var v1 = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v1.dbn"));
        var v2 = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v2.dbn"));
        var v3 = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v3.dbn"));

        Assert.Equal(2, v1.Count);
        Assert.Equal(v1, v2);
        Assert.Equal(v1, v3);
    }

    [Fact]
    public void Python_fixture_matches_the_values_in_databentos_expected_csv()
    {
        var expected = File.ReadAllLines(DbnTestData.Python("GLBX.MDP3.test_data.mbo.expected.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToList();

        var events = DbnTestData.ReadAll(DbnTestData.Python("GLBX.MDP3.test_data.mbo.dbn"));

        Assert.Equal(expected.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var f = expected[i];
            var e = events[i];
            Assert.Equal(long.Parse(f[0]), e.TsRecv);
            Assert.Equal(long.Parse(f[1]), e.TsEvent);
            Assert.Equal(ushort.Parse(f[3]), e.PublisherId);
            Assert.Equal(uint.Parse(f[4]), e.InstrumentId);
            Assert.Equal((MboAction)f[5][0], e.Action);
            Assert.Equal((MboSide)f[6][0], e.Side);
            Assert.Equal(long.Parse(f[7]), e.Price);
            Assert.Equal(uint.Parse(f[8]), e.Size);
            Assert.Equal(byte.Parse(f[9]), e.ChannelId);
            Assert.Equal(ulong.Parse(f[10]), e.OrderId);
            Assert.Equal((MboFlags)byte.Parse(f[11]), e.Flags);
            Assert.Equal(int.Parse(f[12]), e.TsInDelta);
            Assert.Equal(uint.Parse(f[13]), e.Sequence);
        }
    }

    [Fact]
    public void Reading_from_memory_equals_reading_the_file()
    {
        var path = DbnTestData.Cme(DbnTestData.OrderBooks);
        using var fromMemory = DbnFileReader.FromBytes(File.ReadAllBytes(path), "orderbooks");

        Assert.Equal(DbnTestData.ReadAll(path), DbnTestData.ReadAll(fromMemory));
    }

    [Fact]
    public void A_small_buffer_that_splits_records_everywhere_changes_nothing()
    {
        var path = DbnTestData.Cme(DbnTestData.EsSnapshot);
        using var reader = DbnFileReader.Open(path, new DbnReaderOptions { BufferSize = 4099 });

        Assert.Equal(DbnTestData.ReadAll(path), DbnTestData.ReadAll(reader));
    }

    [Fact]
    public void Reading_past_the_end_keeps_returning_false()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Format("test_data.mbo.v2.dbn"));
        DbnTestData.ReadAll(reader);
        var evt = default(MboEvent);

        Assert.False(reader.Read(ref evt));
        Assert.False(reader.Read(ref evt));
        Assert.Equal(2, reader.RecordsRead);
    }

    [Fact]
    public void Decoding_mbo_records_allocates_nothing_per_record()
    {
        var bytes = File.ReadAllBytes(DbnTestData.Cme(DbnTestData.EsDay));
        using var warm = DbnFileReader.FromBytes(bytes);
        DbnTestData.ReadAll(warm);
        var counts = new List<long>(SteadyAllocation.Windows); // sized up front: Add must not allocate inside a window

        var allocated = SteadyAllocation.Measure(() => DbnFileReader.FromBytes(bytes), reader =>
        {
            var evt = default(MboEvent);
            long count = 0;
            while (reader.Read(ref evt))
                count++;
            counts.Add(count);
        });

        Assert.All(counts, c => Assert.Equal(68_792, c));
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public void Decoding_from_a_file_allocates_nothing_after_open()
    {
        using var warm = DbnFileReader.Open(DbnTestData.Cme(DbnTestData.EsSnapshot));
        DbnTestData.ReadAll(warm);
        var counts = new List<long>(SteadyAllocation.Windows); // sized up front: Add must not allocate inside a window

        var allocated = SteadyAllocation.Measure(() => DbnFileReader.Open(DbnTestData.Cme(DbnTestData.EsSnapshot)), reader =>
        {
            var evt = default(MboEvent);
            long count = 0;
            while (reader.Read(ref evt))
                count++;
            counts.Add(count);
        });

        Assert.All(counts, c => Assert.Equal(8_725, c));
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".dbn");

        var ex = Assert.Throws<FileNotFoundException>(() => DbnFileReader.Open(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Rewind_replays_the_same_records_from_memory_and_from_a_file()
    {
        var path = DbnTestData.Cme(DbnTestData.OrderBooks);
        var expected = DbnTestData.ReadAll(path);
        using var memory = DbnFileReader.FromBytes(File.ReadAllBytes(path));
        using var file = DbnFileReader.Open(path, new DbnReaderOptions { BufferSize = 5000 });
        DbnTestData.ReadAll(memory);
        var evt = default(MboEvent);
        for (var i = 0; i < 100; i++)
            file.Read(ref evt);

        memory.Rewind();
        file.Rewind();

        Assert.Equal(0, memory.RecordsRead);
        Assert.Equal(memory.Metadata.HeaderLength, file.Position);
        Assert.Equal(expected, DbnTestData.ReadAll(memory));
        Assert.Equal(expected, DbnTestData.ReadAll(file));
    }
}
