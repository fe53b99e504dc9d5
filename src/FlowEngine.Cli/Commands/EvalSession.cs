using FlowEngine.Book;
using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// One simulated session through the same stages the engine composes — book, pressure, IFD — directly and
/// in-process, with the engine's one-second timer ticks (<see cref="TickClock"/>) inserted into the stream so
/// windows close on event time. The baseline recorder always listens (a session's windows become history when it ends); the
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
        var clock = new TickClock(TickNs);
        while (Simulator.Next(ref evt))
        {
            while (clock.TryTickBefore(in evt, out var tick))
                Feed(in tick);
            Feed(in evt);
        }
        // A session that ran its whole duration ends at the simulator's end time (the labels' time span), not at
        // its last record rounded up: eval keeps that rule so its figures stay comparable across versions.
        if (Simulator.Now >= Simulator.EndNs || Simulator.EventsEmitted < Simulator.Options.MaxEvents)
        {
            if (clock.LastEventNs > 0)
                Feed(MboEvent.TimerTick(Simulator.EndNs, Simulator.EndNs / TickNs));
        }
        else if (clock.TryEndTick(Scorer?.Options.LongestSignalWindowNs ?? 0, out var end))
        {
            Feed(in end);
        }
    }

    private void Feed(in MboEvent evt)
    {
        Books.Apply(in evt);
        Tracker.OnEvent(in evt);
        Events++;
    }
}
