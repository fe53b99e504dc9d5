using FlowEngine.Journal.Tests.Support;

namespace FlowEngine.Journal.Tests;

public class SegmentAndSeekTests
{
    private static (JournalOptions Options, List<Rec> Expected) MultiSegment(TempDir dir, int count = 3000) 
    {
        var options = Journals.Options(dir.Path) with { BlockSize = 1024, SegmentSize = 8 * 1024, MaxOutputPayload = 64 };
        return (options, Journals.Write(options, count, batch: 41));
    }

    [Fact]
    public void Segments_roll_by_size_and_read_back_as_one_stream()
    {
        using var dir = new TempDir();
        var (options, expected) = MultiSegment(dir);
        var files = Journals.SegmentFiles(options.RunDirectory);
        Assert.True(files.Length >= 4, $"only {files.Length} segments");
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal($"segment-{i:D6}.fej", Path.GetFileName(files[i]));
            // A segment holds blocks up to the size limit (a block never straddles two), then its index and trailer.
            var length = new FileInfo(files[i]).Length;
            var maxBlock = JournalFormat.BlockHeaderSize + JournalFormat.MaxStoredLength(options.BlockSize);
            var maxFooter = JournalFormat.IndexHeaderSize + 200 * JournalFormat.IndexEntrySize + JournalFormat.TrailerSize;
            Assert.True(length <= options.SegmentSize + maxFooter, $"{files[i]} is {length} bytes");
            Assert.True(i == files.Length - 1 || length > options.SegmentSize - maxBlock, $"{files[i]} rolled early at {length} bytes");
        }
        Assert.Equal(expected, Journals.ReadAll(options.RunDirectory));
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.True(summary.IsClean, string.Join("; ", summary.Problems));
        Assert.Equal(files.Length, summary.Segments.Count);
        Assert.All(summary.Segments, s => Assert.True(s.Closed));
        Assert.Equal(summary.Records, summary.Segments.Sum(s => s.Records));
        Assert.Equal(expected.Count, summary.Records);
        // Global block numbers continue across segments: each header starts where the previous segment ended.
        var blocksBefore = 0L;
        foreach (var segment in summary.Segments)
        {
            var header = ReadHeader(Path.Combine(options.RunDirectory, segment.FileName));
            Assert.Equal(segment.Index, header.SegmentIndex);
            Assert.Equal(blocksBefore, header.FirstBlockNumber);
            blocksBefore += segment.Blocks;
        }
    }

    private static JournalHeader ReadHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return JournalHeader.TryParse(bytes, out _, out var detail) ?? throw new InvalidDataException(detail);
    }

    [Fact]
    public void Seek_by_sequence_lands_on_the_first_record_at_or_after_it()
    {
        using var dir = new TempDir();
        var (options, expected) = MultiSegment(dir);
        using var reader = JournalReader.Open(options.RunDirectory);
        foreach (var target in new long[] { -5, 0, 1, 2, 3, 500, 1234, 1235, 2222, 2998, 2999 }.Concat(Enumerable.Range(0, 40).Select(i => (long)(i * 73 % 3000))))
        {
            Assert.True(reader.SeekToSequence(target), $"seek {target}");
            var at = expected.FindIndex(r => r.Sequence >= target);
            var rest = Journals.Drain(reader);
            Assert.Equal(expected.Skip(at), rest);
        }
        Assert.False(reader.SeekToSequence(3000));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Seek_by_ts_recv_lands_on_the_first_input_at_or_after_it()
    {
        using var dir = new TempDir();
        var (options, expected) = MultiSegment(dir);
        using var reader = JournalReader.Open(options.RunDirectory);
        var first = Journals.Event(0).TsRecv;
        foreach (var i in new long[] { 0, 1, 2, 999, 1000, 2999 })
        {
            foreach (var delta in new long[] { -1, 0, 1 })
            {
                var ts = Journals.Event(i).TsRecv + delta;
                if (i == 2999 && delta > 0)
                {
                    Assert.False(reader.SeekToTsRecv(ts), "no input after the last one");
                    continue;
                }
                Assert.True(reader.SeekToTsRecv(ts), $"seek ts of {i}{delta:+0;-0}");
                Assert.True(reader.TryRead(out var r));
                Assert.True(r.IsInput);
                var expectedSeq = Math.Max(0, delta > 0 ? i + 1 : i);
                Assert.Equal(expectedSeq, r.Sequence);
                Assert.Equal(Journals.Event(expectedSeq).TsRecv, r.Input.TsRecv);
            }
        }
        Assert.True(reader.SeekToTsRecv(first - 1_000_000));
        Assert.Equal(expected, Journals.Drain(reader));
    }

    [Fact]
    public void Seek_works_on_an_unclosed_segment_by_scanning_block_headers()
    {
        using var dir = new TempDir();
        var (options, expected) = MultiSegment(dir);
        // Strip the index and trailer of the last segment, as if the writer had been killed after its last block.
        var last = Journals.SegmentFiles(options.RunDirectory)[^1];
        var bytes = File.ReadAllBytes(last);
        var indexOffset = BitConverter.ToInt64(bytes, bytes.Length - JournalFormat.TrailerSize + 8);
        File.WriteAllBytes(last, bytes[..(int)indexOffset]);
        Assert.True(JournalVerifier.Verify(options.RunDirectory).IsClean);
        Assert.False(JournalVerifier.Verify(options.RunDirectory).Closed);
        using var r2 = JournalReader.Open(options.RunDirectory);
        Assert.True(r2.SeekToSequence(2990));
        Assert.Equal(expected.SkipWhile(r => r.Sequence < 2990), Journals.Drain(r2));
    }

    [Fact]
    public void Records_expose_inputs_by_reference_and_refuse_input_access_on_outputs()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path);
        Journals.Write(options, 3);
        using var reader = JournalReader.Open(options.RunDirectory);
        Assert.True(reader.TryRead(out var input));
        Assert.Equal(JournalRecordType.Input, input.Type);
        Assert.Equal(Journals.Event(0).OrderId, input.Input.OrderId);
        Assert.True(reader.TryRead(out var output));
        Assert.Equal(JournalRecordType.Output, output.Type);
        Assert.Equal(JournalOutputKinds.TopOfBook, output.OutputKind);
        Assert.Equal(0, output.Sequence);
        try
        {
            _ = output.Input.TsRecv;
            Assert.Fail("reading Input of an output record must throw");
        }
        catch (InvalidOperationException ex)
        {
            Assert.Equal("this journal record is an output; check Type before reading Input", ex.Message);
        }
    }

    [Fact]
    public void A_disposed_reader_refuses_to_read_or_seek()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path);
        Journals.Write(options, 3);
        var reader = JournalReader.Open(options.RunDirectory);
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _));
        Assert.Throws<ObjectDisposedException>(() => reader.SeekToSequence(0));
    }
}
