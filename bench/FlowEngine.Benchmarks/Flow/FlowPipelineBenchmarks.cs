using BenchmarkDotNet.Attributes;
using FlowEngine.Book;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Benchmarks.Flow;

/// <summary>
/// Cost per event of pressure tracking plus IFD scoring, on the real ES day and on a simulated options
/// chain (43 instruments, all episode kinds). The tracker reads the book, so each stream is measured twice:
/// book alone, and book → pressure → IFD; pressure + IFD cost per event is the difference of the two means.
/// Streams are in memory with one-second timer ticks inserted; every invocation replays from the stream's
/// start (the ES day behind an R clear, the simulated session from its own clear-and-snapshot), after a
/// warm-up that grew every pool. The scorer compares with a baseline built from earlier replays of the same
/// stream, so the baseline lookups are exercised; the sink only counts. Allocated bytes per op must be 0.
/// Run: dotnet run -c Release --project bench/FlowEngine.Benchmarks -- --filter '*FlowPipelineBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class FlowPipelineBenchmarks
{
    private const int EsEvents = 76_000; // 68,792 records + 7,199 one-second ticks over 22:00–24:00 UTC, padded
    private const int SimEvents = 600_000;

    private Pipeline _es = null!;
    private Pipeline _sim = null!;

    private sealed class CountingSink : ISignalSink
    {
        public long Count;

        public void OnSignal(in Signal signal) => Count++;
    }

    private sealed class Pipeline
    {
        private readonly MboEvent[] _events;
        private readonly MboEvent _clear;
        private readonly bool _hasClear;
        private readonly BookSet _books = new();
        private readonly PressureTracker _tracker;

        public Pipeline(MboEvent[] events, InstrumentRegistry? registry, bool prependClear, int length)
        {
            // Pad or trim to a fixed length so OperationsPerInvoke is exact (repeating ticks are harmless).
            _events = new MboEvent[length];
            for (var i = 0; i < length; i++)
                _events[i] = i < events.Length ? events[i] : MboEvent.TimerTick(events[^1].TsRecv, 0);
            _hasClear = prependClear;
            _clear = events[0];
            _clear.Action = MboAction.Clear;
            _clear.Flags = MboFlags.Last | MboFlags.Snapshot;
            var baseline = new BaselineStore();
            _tracker = new PressureTracker(new PressureOptions(), _books, registry);
            _tracker.AddListener(new BaselineRecorder(baseline, new IfdOptions().SignalWindowsNs));
            _ = new IfdScorer(new IfdOptions(), _tracker, Sink, baseline, registry);
            for (var session = 0; session < 4; session++)
            {
                RunFull();
                baseline.EndSession();
            }
        }

        public CountingSink Sink { get; } = new();

        public long RunBookOnly()
        {
            var books = _books;
            if (_hasClear)
                books.Apply(in _clear);
            long changes = 0;
            var events = _events;
            for (var i = 0; i < events.Length; i++)
                changes += (long)books.Apply(in events[i]);
            return changes;
        }

        public long RunFull()
        {
            var books = _books;
            var tracker = _tracker;
            if (_hasClear)
                books.Apply(in _clear);
            tracker.ResetSession();
            var events = _events;
            for (var i = 0; i < events.Length; i++)
            {
                books.Apply(in events[i]);
                tracker.OnEvent(in events[i]);
            }
            return Sink.Count;
        }
    }

    /// <summary>Loads both streams and warms every pool and the baselines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var es = FlowBenchData.EsDayWithTicks();
        if (es.Length > EsEvents)
            throw new InvalidDataException($"ES stream has {es.Length} events, more than the {EsEvents} the benchmark replays");
        _es = new Pipeline(es, null, prependClear: true, EsEvents);
        var (sim, registry) = FlowBenchData.Simulated(seed: 5, TimeSpan.FromSeconds(62));
        if (sim.Length < SimEvents)
            throw new InvalidDataException($"simulated stream has {sim.Length} events, fewer than the {SimEvents} the benchmark replays");
        // The session's own definitions and clear-and-snapshot records start every replay from the same books.
        _sim = new Pipeline(sim, registry, prependClear: false, SimEvents);
    }

    /// <summary>ES day, book only (the reference).</summary>
    [Benchmark(OperationsPerInvoke = EsEvents)]
    public long EsBookOnly() => _es.RunBookOnly();

    /// <summary>ES day, book → pressure → IFD.</summary>
    [Benchmark(OperationsPerInvoke = EsEvents)]
    public long EsBookPressureIfd() => _es.RunFull();

    /// <summary>Simulated chain, book only (the reference).</summary>
    [Benchmark(OperationsPerInvoke = SimEvents)]
    public long SimBookOnly() => _sim.RunBookOnly();

    /// <summary>Simulated chain, book → pressure → IFD.</summary>
    [Benchmark(OperationsPerInvoke = SimEvents)]
    public long SimBookPressureIfd() => _sim.RunFull();
}
