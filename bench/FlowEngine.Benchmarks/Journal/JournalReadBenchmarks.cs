using BenchmarkDotNet.Attributes;
using FlowEngine.Benchmarks.Book;
using FlowEngine.Journal;

namespace FlowEngine.Benchmarks.Journal;

/// <summary>
/// Replay read rate: a reader iterating a 1,000,000-event ES journal (written once in setup, so it is in the
/// page cache), checking every block's CRCs and framing and touching each event. One operation = one record.
/// </summary>
[MemoryDiagnoser]
public class JournalReadBenchmarks
{
    private const int Events = 1_000_000;
    private string _root = "";
    private string _run = "";

    /// <summary>Block compression of the journal being read.</summary>
    [Params(JournalCompression.Lz4, JournalCompression.None)]
    public JournalCompression Compression { get; set; }

    /// <summary>Writes the journal that the benchmark reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var events = BookBenchData.LoadEsDay();
        _root = Path.Combine(Path.GetTempPath(), "flowengine-bench-journal-read", Guid.NewGuid().ToString("N"));
        var options = new JournalOptions { Root = _root, RunId = "read", Compression = Compression, Durability = DurabilityPolicy.None };
        using (var writer = new JournalWriter(options))
        {
            for (var i = 0; i < Events; i++)
                writer.AppendInput(in events[i % events.Length], i);
            _run = writer.RunDirectory;
        }
    }

    /// <summary>Deletes the journal.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Reads every record.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long ReadAll()
    {
        using var reader = JournalReader.Open(_run);
        var sum = 0L;
        while (reader.TryRead(out var record))
            sum += record.Input.Price;
        return sum;
    }
}
