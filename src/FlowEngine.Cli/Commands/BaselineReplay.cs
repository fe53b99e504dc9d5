using FlowEngine.Book;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Replays DBN files through book → pressure (→ IFD when a sink is given), one session per file, inserting
/// the engine's one-second timer ticks so windows close on event time; the baseline recorder always listens.
/// A session ends with a tick at its last event rounded up to the longest scored window, so the last window
/// of a file closes instead of being lost. What <c>baseline build</c> and <c>baseline score</c> share.
/// </summary>
internal sealed class BaselineReplay
{
    private const long TickNs = 1_000_000_000;

    private readonly BaselineStore _store;
    private readonly IfdOptions _ifd;

    public BaselineReplay(BaselineStore store, ISignalSink? sink, IfdOptions? ifd = null)
    {
        _store = store;
        _ifd = ifd ?? new IfdOptions();
        Tracker = new PressureTracker(new PressureOptions(), Books, Registry);
        Tracker.AddListener(new BaselineRecorder(store, _ifd.SignalWindowsNs));
        if (sink is not null)
            Scorer = new IfdScorer(_ifd, Tracker, sink, store, Registry);
    }

    public BookSet Books { get; } = new();
    public InstrumentRegistry Registry { get; } = new();
    public PressureTracker Tracker { get; }
    public IfdScorer? Scorer { get; }

    /// <summary>Records read from all files.</summary>
    public long Records { get; private set; }

    /// <summary>Live (non-snapshot) MBO records among them.</summary>
    public long LiveRecords { get; private set; }

    /// <summary>Replays one file as one session. <paramref name="endSession"/> folds it into the baseline history.</summary>
    public void ReplaySession(string path, bool endSession)
    {
        using var reader = DbnFileReader.Open(path, new DbnReaderOptions { Registry = Registry });
        var evt = default(MboEvent);
        var nextTick = long.MinValue;
        var lastTs = long.MinValue;
        while (reader.Read(ref evt))
        {
            Records++;
            if (evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
            {
                LiveRecords++;
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
        if (lastTs != long.MinValue)
        {
            var longest = TickNs;
            foreach (var w in _ifd.SignalWindowsNs)
                longest = Math.Max(longest, w);
            var end = lastTs % longest == 0 ? lastTs : lastTs - lastTs % longest + longest;
            Feed(MboEvent.TimerTick(end, end / TickNs));
        }
        if (endSession)
            _store.EndSession();
        else
            _store.DiscardSession();
        Tracker.ResetSession();
    }

    private void Feed(in MboEvent evt)
    {
        Books.Apply(in evt);
        Tracker.OnEvent(in evt);
    }
}
