using BenchmarkDotNet.Attributes;
using FlowEngine.Book;
using FlowEngine.Market.Events;
using FlowEngine.Simulator;

namespace FlowEngine.Benchmarks.Book;

/// <summary>
/// Book apply on the default simulated market (seed 42: a future and a 42-option chain, ~22,000 resting
/// orders in all, the future near 5,000), the engine's shape of book traffic, as against the one dense ES book
/// of <see cref="BookApplyBenchmarks"/>. <see cref="OrderCapacity"/> is each book's starting pool size: the id
/// map is probed at random, so how much of it the 43 books keep hot decides the cost. Every invocation builds
/// a fresh set from the session's first event (opening snapshot included), growth and all; one operation is one
/// event.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class SimulatedBookSetBenchmarks
{
    private const int Events = 2_000_000;
    private MboEvent[] _events = [];

    /// <summary>Starting orders per book: the set's default, and the single-book default (sized for the ES day).</summary>
    [Params(BookSet.DefaultOrderCapacity, OrderBook.DefaultOrderCapacity)]
    public int OrderCapacity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 42, Duration = TimeSpan.FromHours(2), MaxEvents = Events });
        _events = new MboEvent[Events];
        if (sim.Fill(_events) != Events)
            throw new InvalidOperationException("the simulator ended early");
    }

    /// <summary>A fresh set applies the whole stream.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int ApplySimulated()
    {
        var set = new BookSet(OrderCapacity);
        var events = _events;
        var topChanges = 0;
        for (var i = 0; i < events.Length; i++)
        {
            if ((set.Apply(in events[i]) & ApplyResult.TopChanged) != 0)
                topChanges++;
        }
        return topChanges;
    }
}
