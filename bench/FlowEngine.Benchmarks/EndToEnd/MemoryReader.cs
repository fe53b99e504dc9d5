using FlowEngine.Engine.Sources;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>
/// Simulator events generated before the clock starts and replayed from memory: the pipeline's own capacity,
/// without the generator's ~200 ns per event on the source thread (measured separately by SimulatorBenchmarks).
/// Behaves like a live source (the pump adds timer ticks).
/// </summary>
internal sealed class MemoryReader : IEventReader
{
    private readonly MboEvent[] _events;
    private readonly InstrumentDefinition[] _definitions;
    private int _next;

    private MemoryReader(MboEvent[] events, InstrumentDefinition[] definitions)
    {
        _events = events;
        _definitions = definitions;
    }

    /// <summary>
    /// <paramref name="count"/> events of the default simulated session (seed 42). With <paramref name="uniformGapNs"/>
    /// &gt; 0 every ts_recv is re-stamped that far apart, so pacing publishes at an exact rate.
    /// </summary>
    public static MemoryReader Simulated(int count, long uniformGapNs = 0)
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 42, Duration = TimeSpan.FromHours(2), MaxEvents = count });
        var events = new MboEvent[count];
        var n = sim.Fill(events);
        if (n != count)
            throw new InvalidOperationException($"the simulator produced {n} events, not {count}");
        if (uniformGapNs > 0)
        {
            var start = events[0].TsRecv;
            for (var i = 0; i < events.Length; i++)
            {
                events[i].TsRecv = start + i * uniformGapNs;
                events[i].TsEvent = events[i].TsRecv - 20_000;
                events[i].Flags &= ~MboFlags.BadTsRecv; // the snapshot too, so it is paced like the rest
            }
        }
        return new MemoryReader(events, [.. sim.Definitions]);
    }

    /// <summary>A reader over the same events, from the start.</summary>
    public MemoryReader Fresh() => new(_events, _definitions);

    public int Count => _events.Length;

    public string Description => $"memory ({_events.Length:N0} simulator events)";

    public bool NeedsTimerTicks => true;

    public IReadOnlyCollection<InstrumentDefinition> Definitions => _definitions;

    public bool Read(ref MboEvent evt)
    {
        if (_next >= _events.Length)
            return false;
        evt = _events[_next++];
        return true;
    }

    public void Dispose()
    {
    }
}
