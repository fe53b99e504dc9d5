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
/// Every session starts from a fresh book and tracker (a recording carries its own opening snapshot), so a
/// baseline built from files A, B equals one built from A and then extended with B. A session ends with a
/// tick at its last event rounded up to the longest scored window, so the last window of a file closes
/// instead of being lost. What <c>baseline build</c> and <c>baseline score</c> share.
/// </summary>
internal sealed class BaselineReplay
{
    private const long TickNs = 1_000_000_000;

    private readonly BaselineStore _store;
    private readonly ISignalSink? _sink;
    private readonly IfdOptions _ifd;

    public BaselineReplay(BaselineStore store, ISignalSink? sink, IfdOptions? ifd = null)
    {
        _store = store;
        _sink = sink;
        _ifd = ifd ?? new IfdOptions();
        Books = new BookSet();
        Tracker = NewSession();
    }

    public BookSet Books { get; private set; }
    public InstrumentRegistry Registry { get; } = new();
    public PressureTracker Tracker { get; private set; }

    /// <summary>Records read from all files.</summary>
    public long Records { get; private set; }

    /// <summary>Live (non-snapshot) MBO records among them.</summary>
    public long LiveRecords { get; private set; }

    /// <summary>Replays one file as one session. <paramref name="endSession"/> folds it into the baseline history.</summary>
    public void ReplaySession(string path, bool endSession)
    {
        Books = new BookSet();
        Tracker = NewSession();
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
    }

    private PressureTracker NewSession()
    {
        var tracker = new PressureTracker(new PressureOptions(), Books, Registry);
        tracker.AddListener(new BaselineRecorder(_store, _ifd.SignalWindowsNs));
        if (_sink is not null)
            _ = new IfdScorer(_ifd, tracker, _sink, _store, Registry);
        return tracker;
    }

    private void Feed(in MboEvent evt)
    {
        Books.Apply(in evt);
        Tracker.OnEvent(in evt);
    }
}
