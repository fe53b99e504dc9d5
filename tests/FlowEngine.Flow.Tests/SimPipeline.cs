using FlowEngine.Book;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Flow.Tests;

/// <summary>
/// Simulator → book → pressure → IFD in-process, with one-second timer ticks and the baseline series prepared at
/// the first live event and before each tick, as the engine composes them.
/// </summary>
internal sealed class SimPipeline
{
    private const long TickNs = 1_000_000_000;
    private long _nextTick = long.MinValue;

    public SimPipeline(SimulatorOptions options, BaselineStore baseline, ISignalSink? sink)
    {
        Simulator = new MarketSimulator(options);
        foreach (var d in Simulator.Definitions)
            Registry.Apply(d);
        Tracker = new PressureTracker(new PressureOptions(), Books, Registry);
        Recorder = new BaselineRecorder(baseline, new IfdOptions().SignalWindowsNs);
        Tracker.AddListener(Recorder);
        if (sink is not null)
            Scorer = new IfdScorer(new IfdOptions(), Tracker, sink, baseline, Registry);
    }

    public MarketSimulator Simulator { get; }
    public InstrumentRegistry Registry { get; } = new();
    public BookSet Books { get; } = new();
    public PressureTracker Tracker { get; }
    public IfdScorer? Scorer { get; }
    public BaselineRecorder Recorder { get; }

    /// <summary>Feeds up to <paramref name="max"/> simulator records (and the ticks due before them); false when the session ended.</summary>
    public bool Step(long max)
    {
        var evt = default(MboEvent);
        for (var i = 0; i < max; i++)
        {
            if (!Simulator.Next(ref evt))
                return false;
            if (evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
            {
                if (_nextTick == long.MinValue)
                {
                    _nextTick = evt.TsRecv - evt.TsRecv % TickNs + TickNs;
                    Recorder.Prepare(Tracker, evt.TsRecv);
                }
                while (evt.TsRecv >= _nextTick)
                {
                    var tick = MboEvent.TimerTick(_nextTick, _nextTick / TickNs);
                    Recorder.Prepare(Tracker, _nextTick);
                    Tracker.OnEvent(in tick);
                    _nextTick += TickNs;
                }
            }
            Books.Apply(in evt);
            Tracker.OnEvent(in evt);
        }
        return true;
    }

    /// <summary>Runs to the end and closes the last windows with a tick at the session end.</summary>
    public void RunToEnd()
    {
        while (Step(1 << 20))
        {
        }
        var end = MboEvent.TimerTick(Simulator.EndNs, Simulator.EndNs / TickNs);
        Tracker.OnEvent(in end);
    }

    /// <summary>A baseline from one short simulated session per seed, each ended as a session.</summary>
    public static BaselineStore WarmBaseline(TimeSpan duration, params ulong[] seeds)
    {
        var store = new BaselineStore();
        foreach (var seed in seeds)
        {
            new SimPipeline(new SimulatorOptions { Seed = seed, Duration = duration }, store, sink: null).RunToEnd();
            store.EndSession();
        }
        return store;
    }
}
