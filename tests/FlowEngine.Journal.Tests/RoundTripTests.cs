using System.Runtime.InteropServices;
using FlowEngine.Journal.Tests.Support;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Journal.Tests;

public class RoundTripTests
{
    [Theory]
    [InlineData(JournalCompression.Lz4)]
    [InlineData(JournalCompression.None)]
    public void Inputs_and_outputs_come_back_in_order_bit_for_bit(JournalCompression compression)
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Compression = compression, BlockSize = 4096, MaxOutputPayload = 200 };
        var expected = Journals.Write(options, 5000, batch: 37, payload: 40);
        var actual = Journals.ReadAll(options.RunDirectory);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean, string.Join("; ", summary.Problems));
        Assert.True(summary.Closed);
        if (compression == JournalCompression.Lz4)
            Assert.True(summary.CompressedBlocks > 0 && summary.CompressionRatio > 1.5, $"ratio {summary.CompressionRatio}");
        else
            Assert.Equal(0, summary.CompressedBlocks);
    }

    [Theory]
    [InlineData(JournalCompression.Lz4)]
    [InlineData(JournalCompression.None)]
    public void Real_ES_data_round_trips(JournalCompression compression)
    {
        var events = EsData.Events;
        Assert.Equal(68_792, events.Length);
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Compression = compression };
        using (var writer = new JournalWriter(options))
        {
            // Batch ends where the book is consistent (F_LAST): many tiny blocks, the worst case for the format.
            for (var i = 0; i < events.Length; i++)
            {
                writer.AppendInput(in events[i], i);
                if (events[i].IsLast)
                    writer.EndOfBatch();
            }
        }
        using var reader = JournalReader.Open(options.RunDirectory);
        var n = 0;
        while (reader.TryRead(out var r))
        {
            Assert.True(r.IsInput);
            Assert.Equal(n, r.Sequence);
            Assert.True(MemoryMarshal.AsBytes(new ReadOnlySpan<MboEvent>(in events[n])).SequenceEqual(r.Payload), $"event {n} differs");
            n++;
        }
        Assert.Equal(events.Length, n);
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean);
        Assert.Equal(events[^1].TsRecv, summary.MaxTsRecv);
        Assert.Equal(events.Length, summary.Inputs);
        // One block per F_LAST batch, plus the splits where a batch (the 8,725-record snapshot) outgrows a block.
        var batches = events.Count(e => e.IsLast) + (events[^1].IsLast ? 0 : 1);
        Assert.InRange(summary.Blocks, batches, batches + events.Length * JournalFormat.InputRecordSize / options.BlockSize + 1);
    }

    [Fact]
    public void Real_ES_data_in_full_blocks_compresses_better_than_2_5_to_1()
    {
        var events = EsData.Events;
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path);
        using (var writer = new JournalWriter(options))
        {
            // Under load a ring batch spans many events, so blocks fill up: the case the ratio is quoted for.
            for (var i = 0; i < events.Length; i++)
                writer.AppendInput(in events[i], i);
        }
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean);
        Assert.Equal(events.Length, summary.Records);
        Assert.True(summary.CompressionRatio > 2.5, $"ES compression ratio {summary.CompressionRatio:F2}");
    }

    [Fact]
    public void Any_sequence_of_appends_and_batch_ends_reads_back_exactly()
    {
        // Operation codes: 0..99 input, 100..199 output with payload length (op-100), 200+ end of batch.
        var ops = Gen.Choose(0, 230).ArrayOf().ToArbitrary();
        Prop.ForAll(ops, codes =>
        {
            using var dir = new TempDir();
            var options = Journals.Options(dir.Path) with { BlockSize = 512, SegmentSize = 2048, MaxOutputPayload = 100, BlockBuffers = 2 };
            var expected = new List<Rec>();
            var seq = 0L;
            using (var writer = new JournalWriter(options))
            {
                foreach (var op in codes)
                {
                    if (op < 100)
                    {
                        var e = Journals.Event(seq);
                        writer.AppendInput(in e, seq);
                        expected.Add(Rec.Input(in e, seq));
                        seq++;
                    }
                    else if (op < 200)
                    {
                        var p = Journals.Payload(op, op - 100);
                        writer.AppendOutput((ushort)op, seq - 1, p);
                        expected.Add(Rec.Output((ushort)op, seq - 1, p));
                    }
                    else
                    {
                        writer.EndOfBatch();
                    }
                }
            }
            return Journals.ReadAll(options.RunDirectory).SequenceEqual(expected) && JournalVerifier.Verify(options.RunDirectory).IsClean;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Header_records_how_the_run_was_written()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path, "es-2023-12-25") with { Durability = DurabilityPolicy.Always, BlockSize = 8192, MaxOutputPayload = 300 };
        Journals.Write(options, 10);
        using var reader = JournalReader.Open(options.RunDirectory);
        var h = reader.Header!;
        Assert.Equal("es-2023-12-25", h.RunId);
        Assert.Equal(1, h.FormatVersion);
        Assert.Equal(0, h.SegmentIndex);
        Assert.Equal(Journals.Created, h.CreatedUnixNanos);
        Assert.Equal(new DateTimeOffset(2023, 12, 26, 0, 0, 0, TimeSpan.Zero), h.CreatedUtc);
        Assert.Equal("test-engine 1.2.3", h.EngineVersion);
        Assert.Equal(0xC0FFEEUL, h.ConfigHash);
        Assert.Equal(BlockCodecId.Lz4Transposed, h.Compression);
        Assert.Equal(Lz4BlockCodec.LibraryVersion, h.Lz4Version);
        Assert.Equal(DurabilityPolicy.Always, h.Durability);
        Assert.Equal(8192, h.BlockSize);
        Assert.Equal(300, h.MaxOutputPayload);
    }

    [Fact]
    public void Journals_written_with_plain_lz4_blocks_still_read_back_bit_for_bit()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { CodecOverride = Lz4BlockCodec.TryCreate(out _), BlockSize = 4096, MaxOutputPayload = 200 };
        var expected = Journals.Write(options, 3000, batch: 41, payload: 40);
        using (var reader = JournalReader.Open(options.RunDirectory))
            Assert.Equal(BlockCodecId.Lz4, reader.Header!.Compression);
        Assert.Equal(expected, Journals.ReadAll(options.RunDirectory));
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean, string.Join("; ", summary.Problems));
        Assert.True(summary.CompressedBlocks > 0);
    }

    [Fact]
    public void Input_blocks_are_stored_transposed_and_blocks_holding_outputs_as_plain_lz4()
    {
        using var dir = new TempDir();
        var inputs = Journals.Options(dir.Path) with { RunId = "inputs", BlockSize = 4096 };
        var mixed = Journals.Options(dir.Path) with { RunId = "mixed", BlockSize = 4096, MaxOutputPayload = 200 };
        var expectedInputs = new List<Rec>();
        using (var writer = new JournalWriter(inputs))
        {
            for (var i = 0L; i < 2000; i++)
            {
                var e = Journals.Event(i);
                writer.AppendInput(in e, i);
                expectedInputs.Add(Rec.Input(in e, i));
            }
        }
        var expectedMixed = Journals.Write(mixed, 2000, batch: 37, payload: 40);
        Assert.Equal(expectedInputs, Journals.ReadAll(inputs.RunDirectory));
        Assert.Equal(expectedMixed, Journals.ReadAll(mixed.RunDirectory));
        Assert.Equal([BlockCodecId.Lz4Transposed], BlockCodecsOf(inputs.RunDirectory));
        Assert.Contains(BlockCodecId.Lz4, BlockCodecsOf(mixed.RunDirectory));
    }

    private sealed class CodecObserver : IJournalBlockObserver
    {
        public List<BlockCodecId> Codecs { get; } = [];

        public void OnSegmentOpened(SegmentState segment)
        {
        }

        public void OnBlock(SegmentState segment, long offset, in BlockHeader header) => Codecs.Add(header.Codec);
    }

    private static List<BlockCodecId> BlockCodecsOf(string directory)
    {
        var observer = new CodecObserver();
        using var reader = JournalReader.Open(directory);
        reader.Observer = observer;
        Journals.Drain(reader);
        return [.. observer.Codecs.Distinct()];
    }

    [Fact]
    public void Without_liblz4_the_writer_warns_and_the_header_says_uncompressed()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Lz4Loader = () => (null, "simulated: liblz4.so.1 not found") };
        List<Rec> expected;
        using (var writer = new JournalWriter(options))
        {
            Assert.Equal("journal: LZ4 compression requested but unavailable, writing uncompressed blocks: simulated: liblz4.so.1 not found",
                writer.CompressionWarning);
            Assert.Equal(BlockCodecId.None, writer.Header.Compression);
            var e = Journals.Event(1);
            writer.AppendInput(in e, 1);
            expected = [Rec.Input(in e, 1)];
        }
        using var reader = JournalReader.Open(options.RunDirectory);
        Assert.Equal(BlockCodecId.None, reader.Header!.Compression);
        Assert.Equal(0, reader.Header.Lz4Version);
        Assert.Equal(expected, Journals.Drain(reader));
        Assert.Equal(0, JournalVerifier.Verify(options.RunDirectory).CompressedBlocks);
    }

    [Fact]
    public void With_liblz4_present_there_is_no_warning()
    {
        using var dir = new TempDir();
        using var writer = new JournalWriter(Journals.Options(dir.Path));
        Assert.Null(writer.CompressionWarning);
        Assert.Equal(BlockCodecId.Lz4Transposed, writer.Header.Compression);
    }

    [Fact]
    public void Incompressible_payloads_are_stored_raw_block_by_block()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { BlockSize = 2048, MaxOutputPayload = 1000 };
        var noise = new byte[1000];
        new Random(11).NextBytes(noise);
        using (var writer = new JournalWriter(options))
        {
            // Kind and sequence chosen so the record header has no 4-byte repeat LZ4 could exploit either.
            writer.AppendOutput(0xBEEF, 0x0123456789ABCDEF, noise);
            writer.EndOfBatch();
            var e = Journals.Event(0);
            for (var i = 0; i < 20; i++)
                writer.AppendInput(in e, i);
        }
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean);
        Assert.Equal(2, summary.Blocks);
        Assert.Equal(1, summary.CompressedBlocks);
        var records = Journals.ReadAll(options.RunDirectory);
        Assert.Equal(noise, records[0].Payload);
    }

    [Fact]
    public void Writer_as_ring_handler_journals_events_and_flushes_at_end_of_batch()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path);
        using var writer = new JournalWriter(options);
        var e = Journals.Event(5);
        writer.OnEvent(ref e, 0, endOfBatch: false);
        Assert.True(SpinWait.SpinUntil(() => writer.BlocksWritten > 0, 200) == false, "a block was written before the batch ended");
        writer.OnEvent(ref e, 1, endOfBatch: true);
        Assert.True(SpinWait.SpinUntil(() => writer.WrittenSequence == 1, 30_000), "end of batch did not reach the disk thread");
        Assert.Equal(1, writer.BlocksWritten);
    }
}
