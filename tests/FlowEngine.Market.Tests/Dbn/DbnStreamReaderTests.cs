using System.IO.Pipelines;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnStreamReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Feeds <paramref name="data"/> into a pipe in chunks of the given sizes, as a socket would.</summary>
    private static Task Feed(PipeWriter writer, byte[] data, IReadOnlyList<int> chunks) => Task.Run(async () =>
    {
        var pos = 0;
        var i = 0;
        while (pos < data.Length)
        {
            var n = Math.Min(Math.Max(1, chunks[i++ % chunks.Count]), data.Length - pos);
            await writer.WriteAsync(data.AsMemory(pos, n));
            pos += n;
        }

        await writer.CompleteAsync();
    });

    private static async Task<(List<MboEvent> Events, DbnStreamReader Reader)> ReadViaPipe(byte[] data, IReadOnlyList<int> chunks)
    {
        var pipe = new Pipe();
        var feeding = Feed(pipe.Writer, data, chunks);
        var reader = await DbnStreamReader.OpenAsync(pipe.Reader, "pipe").AsTask().WaitAsync(Timeout);
        var events = new List<MboEvent>();
        var evt = default(MboEvent);
        while (await reader.WaitToReadAsync().AsTask().WaitAsync(Timeout))
        {
            while (reader.TryRead(ref evt))
                events.Add(evt);
        }

        await feeding.WaitAsync(Timeout);
        return (events, reader);
    }

    [Theory]
    [InlineData("dbn-cme", DbnTestData.EsDay)]
    [InlineData("dbn-cme", DbnTestData.OrderBooksDefinition)]
    [InlineData("dbn-format", "test_data.definition.dbn")]
    [InlineData("dbn-format", "test_data.mbo.v1.dbn")]
    [InlineData("dbn-format", "test_data.mbo.v3.dbn")]
    public async Task Stream_reader_yields_exactly_what_the_file_reader_yields(string folder, string file)
    {
        var path = folder == "dbn-cme" ? DbnTestData.Cme(file) : DbnTestData.Format(file);
        using var fileReader = DbnFileReader.Open(path);
        var expected = DbnTestData.ReadAll(fileReader);
        var random = new Random(12345);
        var chunks = Enumerable.Range(0, 64).Select(_ => random.Next(1, 5000)).ToArray();

        var (events, reader) = await ReadViaPipe(File.ReadAllBytes(path), chunks);
        await using var _ = reader;

        Assert.Equal(expected, events);
        Assert.Equal(fileReader.RecordsRead, reader.RecordsRead);
        Assert.Equal(fileReader.Position, reader.Position);
        Assert.Equal(fileReader.Metadata.Symbols, reader.Metadata.Symbols);
        Assert.Equal(fileReader.Definitions, reader.Definitions);
    }

    [Fact]
    public void Any_chunking_of_the_stream_gives_the_same_events()
    {
        var bytes = File.ReadAllBytes(DbnTestData.Python("XNAS.ITCH.test_data.mbo.dbn"));
        var expected = DbnTestData.ReadAll(DbnTestData.Python("XNAS.ITCH.test_data.mbo.dbn"));
        var chunking = Gen.Choose(1, 80).ArrayOf().Where(a => a.Length > 0).ToArbitrary();

        Check.QuickThrowOnFailure(Prop.ForAll(chunking, chunks =>
        {
            var (events, reader) = ReadViaPipe(bytes, chunks).GetAwaiter().GetResult();
            reader.Dispose();
            return expected.SequenceEqual(events);
        }));
    }

    [Fact]
    public async Task Stream_ending_inside_a_record_delivers_the_earlier_records_then_fails()
    {
        var full = File.ReadAllBytes(DbnTestData.Cme(DbnTestData.EsSnapshot));
        var offsets = DbnTestData.RecordOffsets(full);
        var pipe = new Pipe();
        var feeding = Feed(pipe.Writer, full[..^10], [1000]);
        await using var reader = await DbnStreamReader.OpenAsync(pipe.Reader, "live-feed").AsTask().WaitAsync(Timeout);
        var delivered = 0;
        var evt = default(MboEvent);

        var ex = await Assert.ThrowsAsync<DbnFormatException>(async () =>
        {
            while (await reader.WaitToReadAsync().AsTask().WaitAsync(Timeout))
            {
                while (reader.TryRead(ref evt))
                    delivered++;
            }
        });

        await feeding.WaitAsync(Timeout);
        Assert.Equal(8_724, delivered);
        Assert.Equal(offsets[^1], ex.Offset);
        Assert.StartsWith($"live-feed: byte {offsets[^1]} (record 8724): truncated record", ex.Message);
    }

    [Fact]
    public async Task Legacy_dbz_stream_is_rejected_at_open()
    {
        await using var stream = File.OpenRead(DbnTestData.Format("test_data.mbo.dbz"));

        var ex = await Assert.ThrowsAsync<DbnFormatException>(async () =>
            await DbnStreamReader.OpenAsync(stream, "socket").AsTask().WaitAsync(Timeout));

        Assert.Contains("legacy DBZ container, convert with `dbn` CLI", ex.Message);
    }

    [Fact]
    public async Task Stream_ending_inside_the_metadata_is_truncated_metadata()
    {
        var pipe = new Pipe();
        var bytes = File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v3.dbn"));
        var feeding = Feed(pipe.Writer, bytes[..100], [7]);

        var ex = await Assert.ThrowsAsync<DbnFormatException>(async () =>
            await DbnStreamReader.OpenAsync(pipe.Reader, "socket").AsTask().WaitAsync(Timeout));

        await feeding.WaitAsync(Timeout);
        Assert.Equal(100, ex.Offset);
        Assert.Contains("truncated metadata", ex.Message);
    }

    [Fact]
    public async Task Waiting_honours_cancellation()
    {
        var pipe = new Pipe();
        var header = File.ReadAllBytes(DbnTestData.Format("test_data.mbo.v3.dbn"));
        var headerLength = DbnTestData.RecordOffsets(header)[0];
        await pipe.Writer.WriteAsync(header.AsMemory(0, headerLength));
        await using var reader = await DbnStreamReader.OpenAsync(pipe.Reader, "idle").AsTask().WaitAsync(Timeout);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await reader.WaitToReadAsync(cts.Token).AsTask().WaitAsync(Timeout));
        await pipe.Writer.CompleteAsync();
    }
}
