using FlowEngine.Journal.Tests.Support;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Journal.Tests;

public class DbnExportTests
{
    /// <summary>Journals the ES day with a timer tick every 1,000 events and a top-of-book output every 10.</summary>
    private static JournalOptions JournalEsDay(TempDir dir)
    {
        var options = Journals.Options(dir.Path) with { BlockSize = 16 * 1024, SegmentSize = 512 * 1024 };
        using var writer = new JournalWriter(options);
        var seq = 0L;
        var events = EsData.Events;
        for (var i = 0; i < events.Length; i++)
        {
            writer.AppendInput(in events[i], seq++);
            if (i % 10 == 0)
                writer.AppendOutput(JournalOutputKinds.TopOfBook, seq - 1, new byte[32]);
            if (i % 1000 == 999)
            {
                var tick = MboEvent.TimerTick(events[i].TsRecv, i / 1000);
                writer.AppendInput(in tick, seq++);
            }
            if (events[i].IsLast)
                writer.EndOfBatch();
        }
        return options;
    }

    [Fact]
    public void Export_writes_every_mbo_input_as_dbn_that_reads_back_identically()
    {
        using var dir = new TempDir();
        var options = JournalEsDay(dir);
        var output = dir.Combine("es.dbn");
        var result = JournalDbnExport.ToDbn(options.RunDirectory, output, "GLBX.MDP3");
        var events = EsData.Events;
        Assert.Equal(events.Length, result.MboRecords);
        Assert.Equal(new[] { new KeyValuePair<EventKind, long>(EventKind.TimerTick, 68) }, result.SkippedInputs);
        Assert.Equal(6880, result.SkippedOutputs);
        Assert.Empty(result.Problems);
        Assert.False(File.Exists(output + ".partial"));

        using var reader = DbnFileReader.Open(output);
        Assert.Equal("GLBX.MDP3", reader.Metadata.Dataset);
        Assert.Equal(DbnSchema.Mbo, reader.Metadata.Schema);
        Assert.Equal(events.Min(e => e.TsEvent), reader.Metadata.Start);
        Assert.Equal(events.Max(e => e.TsEvent) + 1, reader.Metadata.End);
        var evt = default(MboEvent);
        var n = 0;
        while (reader.Read(ref evt))
        {
            Assert.Equal(events[n], evt);
            n++;
        }
        Assert.Equal(events.Length, n);
    }

    [Fact]
    public void Export_of_a_damaged_journal_stops_without_leaving_a_file_unless_skipping()
    {
        using var dir = new TempDir();
        var options = JournalEsDay(dir);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        var victim = blocks[blocks.Count / 2];
        var file = Path.Combine(options.RunDirectory, victim.Segment);
        var bytes = File.ReadAllBytes(file);
        bytes[victim.End - 1] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        var output = dir.Combine("es.dbn");
        var error = Assert.Throws<JournalCorruptException>(() => JournalDbnExport.ToDbn(options.RunDirectory, output));
        Assert.Equal(JournalProblemKind.BadCrc, error.Problem.Kind);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));

        var result = JournalDbnExport.ToDbn(options.RunDirectory, output, readOptions: new JournalReadOptions { SkipBadBlocks = true });
        var problem = Assert.Single(result.Problems);
        Assert.Equal(victim.Offset, problem.Offset);
        Assert.True(result.MboRecords < EsData.Events.Length);
        using var reader = DbnFileReader.Open(output);
        var evt = default(MboEvent);
        var n = 0L;
        while (reader.Read(ref evt))
            n++;
        Assert.Equal(result.MboRecords, n);
    }
}
