using FlowEngine.Book;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// One simulated session through the same stages the engine composes — book, pressure, IFD — directly and
/// in-process, with the engine's one-second timer ticks inserted into the stream so windows close on event
/// time. The baseline recorder always listens (a session's windows become history when it ends); the
/// scorer only when a sink is given.
/// </summary>
internal sealed class EvalSession
{
    private const long TickNs = 1_000_000_000;

    public EvalSession(SimulatorOptions options, BaselineStore baseline, ISignalSink? sink, IfdOptions? ifd = null, PressureOptions? pressure = null)
    {
        Simulator = new MarketSimulator(options);
        Registry = new InstrumentRegistry();
        foreach (var definition in Simulator.Definitions)
            Registry.Apply(definition);
        Books = new BookSet();
        Tracker = new PressureTracker(pressure ?? new PressureOptions(), Books, Registry);
        ifd ??= new IfdOptions();
        Tracker.AddListener(new BaselineRecorder(baseline, ifd.SignalWindowsNs));
        if (sink is not null)
            Scorer = new IfdScorer(ifd, Tracker, sink, baseline, Registry);
    }

    public MarketSimulator Simulator { get; }
    public InstrumentRegistry Registry { get; }
    public BookSet Books { get; }
    public PressureTracker Tracker { get; }
    public IfdScorer? Scorer { get; }

    /// <summary>Records fed (simulator records plus inserted ticks).</summary>
    public long Events { get; private set; }

    /// <summary>Runs the whole session, then a final tick that closes every window the session completed.</summary>
    public void Run()
    {
        var evt = default(MboEvent);
        var nextTick = long.MinValue;
        var lastTs = 0L;
        while (Simulator.Next(ref evt))
        {
            if (evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
            {
                if (nextTick == long.MinValue)
                    nextTick = evt.TsRecv - evt.TsRecv % TickNs + TickNs;
                while (evt.TsRecv >= nextTick)
                {
                    Feed(MboEvent.TimerTick(nextTick, nextTick / TickNs));
                    nextTick += TickNs;
                }
                lastTs = evt.TsRecv;
            }
            Feed(in evt);
        }
        var end = Simulator.Now >= Simulator.EndNs || Simulator.EventsEmitted < Simulator.Options.MaxEvents
            ? Simulator.EndNs
            : CeilTo(lastTs, LongestScoredWindow());
        if (lastTs > 0)
            Feed(MboEvent.TimerTick(end, end / TickNs));
    }

    private void Feed(in MboEvent evt)
    {
        Books.Apply(in evt);
        Tracker.OnEvent(in evt);
        Events++;
    }

    private long LongestScoredWindow()
    {
        var longest = TickNs;
        foreach (var w in Scorer?.Options.SignalWindowsNs ?? [])
            longest = Math.Max(longest, w);
        return longest;
    }

    private static long CeilTo(long ts, long unit) => ts % unit == 0 ? ts : ts - ts % unit + unit;
}
