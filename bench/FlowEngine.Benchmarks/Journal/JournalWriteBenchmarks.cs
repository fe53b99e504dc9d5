using BenchmarkDotNet.Attributes;
using FlowEngine.Benchmarks.Book;
using FlowEngine.Journal;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Journal;

/// <summary>
/// Journal write throughput on the real ES data (68,792 events replayed to 1,000,000, sequences continuing),
/// from the first append to Close (so the disk thread's compression, CRC and writes are all inside the
/// measurement). One operation = one event: events/s = 1e9 / Mean(ns); MB/s of raw records = events/s × 80 B.
/// A ring batch ends every 256 events. Durability None isolates the journal's own cost; Batch adds fsyncs.
/// </summary>
[MemoryDiagnoser]
public class JournalWriteBenchmarks
{
    private const int Events = 1_000_000;
    private MboEvent[] _events = [];
    private string _root = "";
    private int _run;

    /// <summary>Block compression.</summary>
    [Params(JournalCompression.Lz4, JournalCompression.None)]
    public JournalCompression Compression { get; set; }

    /// <summary>Fsync policy.</summary>
    [Params(DurabilityPolicy.None, DurabilityPolicy.Batch)]
    public DurabilityPolicy Durability { get; set; }

    /// <summary>Loads the ES events and prints the compression ratio of the ES day written in full blocks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _events = BookBenchData.LoadEsDay();
        _root = Path.Combine(Path.GetTempPath(), "flowengine-bench-journal", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var options = new JournalOptions { Root = _root, RunId = "ratio", Compression = Compression, Durability = DurabilityPolicy.None };
        using (var writer = new JournalWriter(options))
        {
            for (var i = 0; i < _events.Length; i++)
                writer.AppendInput(in _events[i], i);
        }
        var summary = JournalVerifier.Verify(Path.Combine(_root, "ratio"));
        Console.WriteLine($"// ES day ({_events.Length} events, {Compression}): {summary.RawBytes} raw bytes -> {summary.StoredBytes} stored bytes, ratio {summary.CompressionRatio:F2}:1");
    }

    /// <summary>Removes the runs written by the last iteration so the disk does not fill.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        foreach (var dir in Directory.GetDirectories(_root))
        {
            if (Path.GetFileName(dir) != "ratio")
                Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Deletes the benchmark root.</summary>
    [GlobalCleanup]
    public void GlobalCleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Appends one million events and closes the journal.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long WriteEvents()
    {
        var options = new JournalOptions
        {
            Root = _root,
            RunId = "w" + _run++,
            Compression = Compression,
            Durability = Durability,
        };
        using var writer = new JournalWriter(options);
        var n = _events.Length;
        for (var i = 0; i < Events; i++)
        {
            writer.AppendInput(in _events[i % n], i);
            if ((i & 255) == 255)
                writer.EndOfBatch();
        }
        writer.Close();
        return writer.StoredBytesWritten;
    }
}
