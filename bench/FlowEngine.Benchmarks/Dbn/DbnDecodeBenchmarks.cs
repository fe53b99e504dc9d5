using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Dbn;

/// <summary>
/// DBN MBO decode throughput on the real ES day (esh4-glbx-mdp3-20231225.mbo.dbn, 68,792 records of 56 bytes).
/// Each benchmark decodes the whole file; OperationsPerInvoke makes BenchmarkDotNet report time and
/// allocation per record. records/s = 1e9 / Mean(ns); MB/s = 56 bytes × records/s / 1e6.
/// Reference: NautilusTrader's Rust decoder publishes 25.1 M records/s.
/// </summary>
[MemoryDiagnoser]
public class DbnDecodeBenchmarks
{
    private const int Records = 68_792;

    private byte[] _file = [];
    private string _path = "";
    private DbnFileReader _reader = null!;

    /// <summary>Loads the ES file into memory once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.Path("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
        _file = File.ReadAllBytes(_path);
        _reader = DbnFileReader.FromBytes(_file, "es");
    }

    /// <summary>Releases the reader.</summary>
    [GlobalCleanup]
    public void Cleanup() => _reader.Dispose();

    /// <summary>Decode only: an open in-memory reader rewound and drained (the steady-state hot path).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long DecodeInMemory()
    {
        var reader = _reader;
        reader.Rewind();
        var evt = default(MboEvent);
        long checksum = 0;
        while (reader.Read(ref evt))
            checksum += evt.Price ^ (long)evt.OrderId;
        return checksum;
    }

    /// <summary>Open (metadata decode included) and drain an in-memory reader.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long OpenAndDecodeInMemory()
    {
        using var reader = DbnFileReader.FromBytes(_file, "es");
        var evt = default(MboEvent);
        long checksum = 0;
        while (reader.Read(ref evt))
            checksum += evt.Price ^ (long)evt.OrderId;
        return checksum;
    }

    /// <summary>Open and drain the file through FileStream (OS page cache warm).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long OpenAndDecodeFile()
    {
        using var reader = DbnFileReader.Open(_path);
        var evt = default(MboEvent);
        long checksum = 0;
        while (reader.Read(ref evt))
            checksum += evt.Price ^ (long)evt.OrderId;
        return checksum;
    }

    /// <summary>The live-stream path: PipeReader over the bytes, WaitToReadAsync/TryRead.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long DecodePipeStream() => DecodePipeStreamAsync().GetAwaiter().GetResult();

    private async Task<long> DecodePipeStreamAsync()
    {
        var pipe = PipeReader.Create(new MemoryStream(_file), new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        await using var reader = await DbnStreamReader.OpenAsync(pipe, "es");
        long checksum = 0;
        while (await reader.WaitToReadAsync())
            checksum += Drain(reader);
        return checksum;
    }

    private static long Drain(DbnStreamReader reader)
    {
        var evt = default(MboEvent);
        long checksum = 0;
        while (reader.TryRead(ref evt))
            checksum += evt.Price ^ (long)evt.OrderId;
        return checksum;
    }
}
