using BenchmarkDotNet.Attributes;
using FlowEngine.Market.Events;
using FlowEngine.Simulator;

namespace FlowEngine.Benchmarks.Simulator;

/// <summary>
/// Flat-out generation speed of the market simulator: records per second from <see cref="MarketSimulator.Next"/>
/// in steady state (books warmed up, episodes running), with and without episodes, and the one-off cost of
/// building a session (definitions plus ~21,000 resting orders). Each Next benchmark op is one record
/// (OperationsPerInvoke), so the reported mean is ns per record and 1e9 / mean is records per second.
/// Run: dotnet run -c Release --project bench/FlowEngine.Benchmarks -- --filter '*SimulatorBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private const int RecordsPerInvoke = 1_000_000;
    private MarketSimulator _full = null!;
    private MarketSimulator _background = null!;
    private MboEvent _event;

    /// <summary>Builds long sessions and runs them past the opening snapshot and first episodes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _full = Warm(new SimulatorOptions { Seed = 1, Duration = TimeSpan.FromDays(30) });
        _background = Warm(new SimulatorOptions { Seed = 1, Duration = TimeSpan.FromDays(30), Episodes = EpisodeRates.None });
    }

    /// <summary>Default market with all episode kinds: ns per record.</summary>
    [Benchmark(OperationsPerInvoke = RecordsPerInvoke, Baseline = true)]
    public long NextWithEpisodes() => Drain(_full);

    /// <summary>Background flow only: ns per record.</summary>
    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public long NextBackgroundOnly() => Drain(_background);

    /// <summary>Building a default session: instruments, option prices, seeded books.</summary>
    [Benchmark]
    public int Construct() => new MarketSimulator(new SimulatorOptions { Seed = 2 }).Definitions.Count;

    private long Drain(MarketSimulator sim)
    {
        long sum = 0;
        for (var i = 0; i < RecordsPerInvoke; i++)
        {
            sim.Next(ref _event);
            sum += _event.Size;
        }
        return sum;
    }

    private MarketSimulator Warm(SimulatorOptions options)
    {
        var sim = new MarketSimulator(options);
        for (var i = 0; i < 3_000_000; i++) sim.Next(ref _event);
        return sim;
    }
}
