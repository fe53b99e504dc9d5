using FlowEngine.Benchmarks.Book;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Benchmarks.Flow;

/// <summary>
/// Event streams for the pressure/IFD benchmarks, held in memory with the engine's one-second timer ticks
/// already inserted (as the source publishes them), so a benchmark measures the handlers and nothing else.
/// </summary>
internal static class FlowBenchData
{
    private const long TickNs = 1_000_000_000;

    /// <summary>The ES day (snapshot, then 60,067 live events) with ticks.</summary>
    public static MboEvent[] EsDayWithTicks() => WithTicks(BookBenchData.LoadEsDay());

    /// <summary>A simulated session from its start (definitions and opening snapshot included) with ticks, and its definitions.</summary>
    public static (MboEvent[] Events, InstrumentRegistry Registry) Simulated(ulong seed, TimeSpan duration)
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = seed, Duration = duration });
        var registry = new InstrumentRegistry();
        foreach (var d in sim.Definitions)
            registry.Apply(d);
        var events = new List<MboEvent>(1 << 20);
        var evt = default(MboEvent);
        while (sim.Next(ref evt))
            events.Add(evt);
        return (WithTicks(events), registry);
    }

    private static MboEvent[] WithTicks(IReadOnlyList<MboEvent> source)
    {
        var result = new List<MboEvent>(source.Count + 4096);
        var next = long.MinValue;
        foreach (var evt in source)
        {
            if (evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
            {
                if (next == long.MinValue)
                    next = evt.TsRecv - evt.TsRecv % TickNs + TickNs;
                while (evt.TsRecv >= next)
                {
                    result.Add(MboEvent.TimerTick(next, next / TickNs));
                    next += TickNs;
                }
            }
            result.Add(evt);
        }
        return [.. result];
    }
}
