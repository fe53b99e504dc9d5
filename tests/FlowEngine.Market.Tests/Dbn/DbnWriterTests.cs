using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnWriterTests
{
    private static byte[] Rewrite(string path, Func<DbnMetadata, DbnMetadata>? changeMetadata = null)
    {
        using var reader = DbnFileReader.Open(path);
        var metadata = changeMetadata is null ? reader.Metadata : changeMetadata(reader.Metadata);
        using var output = new MemoryStream();
        using (var writer = new DbnWriter(output, metadata, leaveOpen: true))
        {
            var evt = default(MboEvent);
            while (reader.Read(ref evt))
            {
                if (evt.Kind == EventKind.Mbo)
                    writer.Write(evt);
                else
                    writer.WriteDefinition(reader.Definitions[evt.InstrumentId], evt.PublisherId, evt.TsEvent);
            }
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("dbn-format", "test_data.mbo.v1.dbn")]
    [InlineData("dbn-format", "test_data.mbo.v2.dbn")]
    [InlineData("dbn-format", "test_data.mbo.v3.dbn")]
    [InlineData("python", "GLBX.MDP3.test_data.mbo.dbn")]
    [InlineData("python", "IFEU.IMPACT.test_data.mbo.dbn")]
    [InlineData("dbn-cme", DbnTestData.EsDay)]
    [InlineData("dbn-cme", DbnTestData.OrderBooks)]
    public void Rewriting_a_databento_mbo_file_reproduces_it_byte_for_byte(string folder, string file)
    {
        var path = folder switch
        {
            "dbn-cme" => DbnTestData.Cme(file),
            "python" => DbnTestData.Python(file),
            _ => DbnTestData.Format(file),
        };

        Assert.Equal(File.ReadAllBytes(path), Rewrite(path));
    }

    [Theory]
    [InlineData((byte)1)]
    [InlineData((byte)2)]
    [InlineData((byte)3)]
    public void Es_day_round_trips_through_every_version(byte version)
    {
        var path = DbnTestData.Cme(DbnTestData.EsDay);
        var bytes = Rewrite(path, md => new DbnMetadata
        {
            Version = version,
            Dataset = md.Dataset,
            Schema = md.Schema,
            Start = md.Start,
            End = md.End,
            StypeIn = md.StypeIn,
            StypeOut = md.StypeOut,
            SymbolCstrLen = DbnFormat.SymbolCstrLen(version),
            Symbols = md.Symbols,
            Mappings = md.Mappings,
        });

        using var original = DbnFileReader.Open(path);
        using var copy = DbnFileReader.FromBytes(bytes);

        Assert.Equal(DbnTestData.ReadAll(original), DbnTestData.ReadAll(copy));
        Assert.Equal(version, copy.Metadata.Version);
        Assert.Equal(original.Metadata.Start, copy.Metadata.Start);
        Assert.Equal(original.Metadata.End, copy.Metadata.End);
        Assert.Equal(original.Metadata.Symbols, copy.Metadata.Symbols);
        Assert.Equal(original.Metadata.Mappings[0].Intervals, copy.Metadata.Mappings[0].Intervals);
        if (version == 3)
            Assert.Equal(0, copy.Metadata.HeaderLength % 8);
    }

    [Fact]
    public void Definitions_file_rewrites_byte_for_byte_apart_from_fields_flowengine_does_not_model()
    {
        var path = DbnTestData.Cme(DbnTestData.OrderBooksDefinition);
        var original = File.ReadAllBytes(path);
        var rewritten = Rewrite(path);

        Assert.Equal(original.Length, rewritten.Length);
        using var a = DbnFileReader.FromBytes(original);
        using var b = DbnFileReader.FromBytes(rewritten);
        Assert.Equal(DbnTestData.ReadAll(a), DbnTestData.ReadAll(b));
        Assert.Equal(a.Definitions[5602], b.Definitions[5602]);
    }

    [Fact]
    public void Ts_out_is_written_after_each_record_and_read_back()
    {
        var events = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v3.dbn"));
        using var output = new MemoryStream();
        using (var writer = new DbnWriter(output, new DbnMetadata { Dataset = "GLBX.MDP3", TsOut = true }, leaveOpen: true))
        {
            writer.Write(events[0], 111);
            writer.Write(events[1], 222);
        }

        using var reader = DbnFileReader.FromBytes(output.ToArray());
        var evt = default(MboEvent);

        Assert.True(reader.Metadata.TsOut);
        Assert.True(reader.Read(ref evt));
        Assert.Equal((events[0], 111UL), (evt, reader.LastTsOut));
        Assert.True(reader.Read(ref evt));
        Assert.Equal((events[1], 222UL), (evt, reader.LastTsOut));
        Assert.Equal(reader.Metadata.HeaderLength + 2 * 64, output.Length);
    }

    [Fact]
    public void Any_mbo_events_round_trip()
    {
        var longs = Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => ((long)p.Item1 << 32) ^ (uint)p.Item2);
        var events =
            from a in longs.Two()
            from b in longs.Two()
            from c in longs.Two()
            from small in Gen.Choose(0, 255).Four()
            from action in Gen.Elements(Enum.GetValues<MboAction>())
            from side in Gen.Elements(Enum.GetValues<MboSide>())
            select new MboEvent
            {
                TsEvent = a.Item1,
                TsRecv = a.Item2,
                OrderId = (ulong)b.Item1,
                Price = b.Item2,
                InstrumentId = (uint)c.Item1,
                Size = (uint)(c.Item1 >> 32),
                Sequence = (uint)c.Item2,
                TsInDelta = (int)(c.Item2 >> 32),
                PublisherId = (ushort)(small.Item1 * 257),
                ChannelId = (byte)small.Item2,
                Flags = (MboFlags)small.Item3,
                Action = action,
                Side = side,
            };

        Check.QuickThrowOnFailure(Prop.ForAll(events.ArrayOf().ToArbitrary(), batch =>
        {
            using var output = new MemoryStream();
            using (var writer = new DbnWriter(output, new DbnMetadata(), leaveOpen: true))
            {
                foreach (var e in batch)
                    writer.Write(e);
            }

            using var reader = DbnFileReader.FromBytes(output.ToArray());
            return batch.SequenceEqual(DbnTestData.ReadAll(reader));
        }));
    }

    [Fact]
    public void Only_mbo_events_have_a_dbn_encoding()
    {
        using var writer = new DbnWriter(new MemoryStream(), new DbnMetadata());
        var tick = MboEvent.TimerTick(1, 1);

        var ex = Assert.Throws<ArgumentException>(() => writer.Write(tick));

        Assert.Contains("only MBO events have a DBN encoding; got a TimerTick event", ex.Message);
    }

    [Fact]
    public void Symbols_that_do_not_fit_the_version_are_refused()
    {
        var metadata = new DbnMetadata { Version = 1, Symbols = ["A_SYMBOL_LONGER_THAN_21_CHARS"] };

        var ex = Assert.Throws<ArgumentException>(() => new DbnWriter(new MemoryStream(), metadata));

        Assert.Contains("at most 21 characters", ex.Message);
    }

    [Fact]
    public void Unsupported_versions_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DbnWriter(new MemoryStream(), new DbnMetadata { Version = 4 }));

        Assert.Contains("cannot write DBN version 4", ex.Message);
    }

    [Fact]
    public void Create_writes_a_file_the_reader_opens()
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "out.dbn");
        var events = DbnTestData.ReadAll(DbnTestData.Format("test_data.mbo.v2.dbn"));
        using (var writer = DbnWriter.Create(path, new DbnMetadata { Dataset = "GLBX.MDP3", Symbols = ["ESH1"] }))
        {
            foreach (var e in events)
                writer.Write(e);
            Assert.Equal(2, writer.RecordsWritten);
        }

        using var reader = DbnFileReader.Open(path);
        Assert.Equal(events, DbnTestData.ReadAll(reader));
        Assert.Equal(["ESH1"], reader.Metadata.Symbols);
    }
}
