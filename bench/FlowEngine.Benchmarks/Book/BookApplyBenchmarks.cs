using BenchmarkDotNet.Attributes;
using FlowEngine.Book;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Book;

/// <summary>
/// Book apply throughput on a real CME day (ESH4, 2023-12-25: an 8,725-order snapshot, then 60,067 live
/// events, ending with 922 bid and 565 ask levels), decoded into memory beforehand. One operation is one
/// event; each invocation starts with an R (clear) record so every invocation rebuilds the same book, and
/// that clear's cost (one id-map wipe) is included. Allocated bytes per operation must read 0 B.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class BookApplyBenchmarks
{
    private MboEvent[] _events = [];
    private MboEvent _clear;
    private OrderBook _book = null!;
    private BookSet _set = null!;

    [GlobalSetup]
    public void Setup()
    {
        _events = BookBenchData.LoadEsDay();
        _clear = _events[0];
        _clear.Action = MboAction.Clear;
        _clear.Flags = MboFlags.Last;
        _book = new OrderBook(_events[0].InstrumentId);
        _set = new BookSet();
        // Warm-up outside the measurement: the pools reach the day's size once.
        ApplyToBook();
        ApplyToSet();
    }

    /// <summary>One book, events applied directly: the engine's book handler with routing resolved.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BookBenchData.EsDayRecords)]
    public int ApplyToBook()
    {
        var book = _book;
        var events = _events;
        book.Apply(in _clear);
        var topChanges = 0;
        for (var i = 0; i < events.Length; i++)
        {
            if ((book.Apply(in events[i]) & ApplyResult.TopChanged) != 0)
                topChanges++;
        }
        return topChanges;
    }

    /// <summary>The same through <see cref="BookSet"/>: adds the per-event instrument routing.</summary>
    [Benchmark(OperationsPerInvoke = BookBenchData.EsDayRecords)]
    public int ApplyToSet()
    {
        var set = _set;
        var events = _events;
        set.Apply(in _clear);
        var topChanges = 0;
        for (var i = 0; i < events.Length; i++)
        {
            if ((set.Apply(in events[i]) & ApplyResult.TopChanged) != 0)
                topChanges++;
        }
        return topChanges;
    }
}
