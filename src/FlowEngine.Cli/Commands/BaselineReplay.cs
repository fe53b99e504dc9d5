using FlowEngine.Book;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Journal;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Replays DBN files through book → pressure (→ IFD when a sink is given), one session per file, with the
/// engine's own timer clock (<see cref="TickClock"/>, one-second ticks) so windows close on event time; the
/// baseline recorder always listens. Every session starts from a fresh book and tracker (a recording carries
/// its own opening snapshot), so a baseline built from files A, B equals one built from A and then extended
/// with B. A session ends with the engine's end-of-input tick (the last event time rounded up to the longest
/// scored window), so the last window of a file closes instead of being lost. What <c>baseline build</c> and
/// <c>baseline score</c> share for DBN files; a run's journal already holds its ticks and is replayed as recorded
/// (<see cref="FlowEngine.Engine.Runs.RecordedSession"/>).
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
        var clock = new TickClock(TickNs);
        while (reader.Read(ref evt))
        {
            Records++;
            if (evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
                LiveRecords++;
            while (clock.TryTickBefore(in evt, out var tick))
                Feed(in tick);
            Feed(in evt);
        }
        if (clock.TryEndTick(_ifd.LongestSignalWindowNs, out var end))
            Feed(in end);
        if (endSession)
            _store.EndSession();
        else
            _store.DiscardSession();
    }

    /// <summary>Runs replayed from their input journals.</summary>
    public int Runs { get; private set; }

    /// <summary>
    /// Replays a recorded run as one session: its journaled inputs exactly as the engine published them (ticks
    /// included, none inserted) through the engine's flow stage under the run's recorded settings
    /// (<see cref="RecordedSession"/>), so folding it in gives what the engine itself folded in at the end of the run.
    /// </summary>
    public void ReplayRun(BaselineInput input, bool endSession)
    {
        RecordedSession.Result result;
        try
        {
            result = RecordedSession.Replay(input.RunDirectory!, _store);
        }
        catch (JournalCorruptException ex)
        {
            // The library's hint (--skip-bad-blocks) is for journal readers; a baseline must not skip data.
            _store.DiscardSession();
            throw new InvalidDataException($"{input.Path}: journal {Path.Combine(input.RunDirectory!, RunLayout.InputsName)}: {ex.Problem.Message}; check it with `flowengine journal verify` (a torn tail: `flowengine journal recover`)", ex);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            _store.DiscardSession();
            throw new InvalidDataException($"{input.Path}: {ex.Message}", ex);
        }
        Records += result.Inputs;
        Runs++;
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
