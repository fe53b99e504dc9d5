using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator.Episodes;
using FlowEngine.Simulator.Flow;
using FlowEngine.Simulator.Randomness;
using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator;

/// <summary>
/// A seeded, deterministic market-by-order source: a future and its options chain with realistic background
/// flow and labelled institutional-flow episodes on top. Pull it like a feed with <see cref="Next"/>; the
/// stream is a pure function of the <see cref="SimulatorOptions"/> (same options, same bytes), on every
/// platform, and allocates nothing per event once constructed.
/// <para>
/// Stream layout: first one <see cref="EventKind.InstrumentDefinition"/> event per instrument (future, then per
/// strike ascending call and put; <see cref="MboEvent.Aux"/> is the index into <see cref="Definitions"/>),
/// then per instrument an opening snapshot (an R clear and the resting orders as adds, flagged F_SNAPSHOT |
/// F_BAD_TS_RECV like Databento's, F_LAST on the last), all at the session start; then live events.
/// </para>
/// <para>
/// Records follow DBN: prices in 1e-9, times in ns since the epoch. ts_recv advances by exponential
/// inter-arrival times (one Poisson process over all instruments) and never decreases; ts_event is 20–60 µs
/// earlier and never decreases either; ts_in_delta is 10–25 µs. <see cref="MboEvent.Sequence"/> is global
/// (one channel): it increases by one per venue event, and all records of one venue event share it.
/// Definitions carry sequence 0. Publisher id is <see cref="SimulatorOptions.PublisherId"/>. Timer ticks are
/// not produced here: the engine inserts them.
/// </para>
/// <para>
/// Flat-out runs (<c>--speed max --events N</c>): set <see cref="SimulatorOptions.MaxEvents"/> = N and a
/// <see cref="SimulatorOptions.Duration"/> long enough not to end first (the default session is about 6 M
/// records; a day of event time is about 860 M). Not thread-safe: one producer thread pulls it.
/// </para>
/// </summary>
public sealed class MarketSimulator
{
    private const int Definitions_ = 0;
    private const int Snapshot = 1;
    private const int Live = 2;
    private const int Done = 3;

    private readonly SimulatorOptions _options;
    private readonly InstrumentDefinition[] _definitions;
    private readonly SimulatedVenue _venue;
    private readonly RecordBuffer _records;
    private readonly TimerQueue _timers;
    private readonly BackgroundFlow _background;
    private readonly QuoteDynamics _quotes;
    private readonly EpisodeDirector _episodes;
    private readonly LabelStore _labels;
    private readonly Xoshiro256StarStar _rng;
    private readonly long _endNs;
    private readonly long _maxEvents;
    private readonly double _meanGapNs;
    private readonly int _walkTimer;
    private readonly int _bookCount;
    private long _nextBackground;
    private long _emitted;
    private int _phase;
    private int _snapshotBook;

    /// <summary>Builds the instruments and their opening books; throws <see cref="ArgumentException"/> naming any invalid option.</summary>
    public MarketSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _rng = new Xoshiro256StarStar(options.Seed);
        var profiles = ChainBuilder.Build(options);
        _bookCount = profiles.Length;
        _definitions = new InstrumentDefinition[_bookCount];
        var books = new SimulatedBook[_bookCount];
        for (var i = 0; i < _bookCount; i++)
        {
            var p = profiles[i];
            _definitions[i] = p.Definition;
            var minTick = Math.Max(1, p.OpeningBid - 2048);
            var maxTick = p.OpeningBid + 2048 + p.Spread;
            books[i] = new SimulatedBook(i, p.Definition.InstrumentId, p.Definition.TickSize, minTick, maxTick, 2 * p.TargetOrders + 256)
            {
                TargetBid = p.OpeningBid,
                TargetAsk = p.OpeningBid + p.Spread,
                Spread = p.Spread,
            };
        }

        var maxSnapshot = 0;
        foreach (var p in profiles) maxSnapshot = Math.Max(maxSnapshot, p.TargetOrders);
        _records = new RecordBuffer(Math.Max(16_384, maxSnapshot + 64), options.PublisherId);
        _venue = new SimulatedVenue(_rng, books, _records) { Now = options.SessionStartNs };

        var sizes = new DiscreteSampler(DiscreteSampler.Mix(DiscreteSampler.GeometricWeights(0.35, 1, 40), 0.12,
            [(5, 4), (10, 4), (20, 2), (25, 2), (50, 1), (100, 0.5)]));
        var tradeSizes = new DiscreteSampler(DiscreteSampler.Mix(DiscreteSampler.GeometricWeights(0.45, 1, 30), 0.05,
            [(5, 2), (10, 2), (20, 1)]));
        _background = new BackgroundFlow(_venue, profiles, sizes, tradeSizes);
        foreach (var book in books) _background.Seed(book);

        _walkTimer = _bookCount;
        var firstStartTimer = _walkTimer + 1;
        var firstSlotTimer = firstStartTimer + EpisodeKinds.All.Count;
        _timers = new TimerQueue(firstSlotTimer + EpisodeDirector.MaxActive);
        var model = new OptionModel(profiles[0].OpeningBid * (options.FutureTickSize / 1e9), options.Volatility, options.DaysToExpiry);
        _quotes = new QuoteDynamics(_venue, profiles, _timers, model, tradeSizes, options, _walkTimer);
        _labels = new LabelStore(EstimateLabels(options));
        _episodes = new EpisodeDirector(_venue, _quotes, _timers, profiles, _labels, options, firstStartTimer, firstSlotTimer);

        var durationNs = options.Duration.Ticks > (long.MaxValue - options.SessionStartNs) / 100
            ? long.MaxValue - options.SessionStartNs
            : options.Duration.Ticks * 100;
        _endNs = options.SessionStartNs + durationNs;
        _maxEvents = options.MaxEvents;
        _meanGapNs = 1e9 / _background.TotalActionsPerSecond;
    }

    /// <summary>The options this session was built from.</summary>
    public SimulatorOptions Options => _options;

    /// <summary>Instrument definitions in publication order (future, then per strike call and put).</summary>
    public IReadOnlyList<InstrumentDefinition> Definitions => _definitions;

    /// <summary>
    /// Ground-truth labels of the episodes emitted so far, in order of their first record. A running episode's
    /// label already covers everything it has emitted; the list only grows.
    /// </summary>
    public IReadOnlyList<EpisodeLabel> Labels => _labels;

    /// <summary>Records handed out so far.</summary>
    public long EventsEmitted => _emitted;

    /// <summary>Event time (ns) of the last venue event generated.</summary>
    public long Now => _venue.Now;

    /// <summary>Event time (ns) after which the session ends.</summary>
    public long EndNs => _endNs;

    /// <summary>Expected background actions per second of event time (records per second are a little higher).</summary>
    public double BackgroundActionsPerSecond => _background.TotalActionsPerSecond;

    /// <summary>True once <see cref="Next"/> has returned false.</summary>
    public bool IsFinished => _phase == Done || _emitted >= _maxEvents;

    /// <summary>
    /// Writes the next record into <paramref name="evt"/>; false when the session is over (duration reached or
    /// <see cref="SimulatorOptions.MaxEvents"/> records emitted). Allocation-free.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(ref MboEvent evt)
    {
        if (_emitted >= _maxEvents) return false;
        var records = _records;
        if (records.Position >= records.Count && !Refill()) return false;
        evt = records.Items[records.Position++];
        _emitted++;
        return true;
    }

    /// <summary>Fills <paramref name="destination"/> with as many records as remain (up to its length); returns how many.</summary>
    public int Fill(Span<MboEvent> destination)
    {
        var n = 0;
        while (n < destination.Length && Next(ref destination[n])) n++;
        return n;
    }

    /// <summary>Writes <see cref="Labels"/> as CSV (format: <see cref="EpisodeLabelCsv"/>) to <paramref name="path"/>, replacing it.</summary>
    public void WriteLabels(string path) => EpisodeLabelCsv.Write(path, _labels);

    /// <summary>Writes <see cref="Labels"/> as CSV to <paramref name="writer"/>.</summary>
    public void WriteLabels(TextWriter writer) => EpisodeLabelCsv.Write(writer, _labels);

    private bool Refill()
    {
        _records.Reset();
        while (true)
        {
            switch (_phase)
            {
                case Definitions_:
                    WriteDefinitions();
                    _phase = Snapshot;
                    return true;
                case Snapshot:
                    WriteSnapshot(_venue.Books[_snapshotBook++]);
                    if (_snapshotBook == _bookCount) StartLive();
                    return true;
                case Live:
                    if (!StepLive())
                    {
                        _phase = Done;
                        return false;
                    }
                    if (_records.Count > 0) return true;
                    break;
                default:
                    return false;
            }
        }
    }

    private bool StepLive()
    {
        _records.EnsureRoom(64);
        var timerTime = _timers.PeekTime;
        if (_nextBackground <= timerTime)
        {
            if (_nextBackground > _endNs) return false;
            _venue.Now = _nextBackground;
            _nextBackground += _rng.NextExponentialNs(_meanGapNs);
            _background.Act();
            return true;
        }
        if (timerTime > _endNs) return false;
        _venue.Now = timerTime;
        var id = _timers.Pop();
        if (id < _bookCount) _quotes.OnClearTimer(_venue.Books[id]);
        else if (id == _walkTimer) _quotes.OnWalkTimer();
        else _episodes.OnTimer(id);
        return true;
    }

    private void StartLive()
    {
        _phase = Live;
        var start = _options.SessionStartNs;
        _nextBackground = start + _rng.NextExponentialNs(_meanGapNs);
        _quotes.Start(start);
        _episodes.Start(start);
    }

    private void WriteDefinitions()
    {
        _records.EnsureRoom(_bookCount);
        var start = _options.SessionStartNs;
        for (var i = 0; i < _bookCount; i++)
        {
            ref var e = ref _records.Items[_records.Count++];
            e = default;
            e.TsEvent = start;
            e.TsRecv = start;
            e.InstrumentId = _definitions[i].InstrumentId;
            e.Price = MboEvent.UndefinedPrice;
            e.PublisherId = _options.PublisherId;
            e.Action = MboAction.None;
            e.Side = MboSide.None;
            e.Flags = MboFlags.Last;
            e.Kind = EventKind.InstrumentDefinition;
            e.Aux = i;
        }
    }

    private void WriteSnapshot(SimulatedBook book)
    {
        _records.EnsureRoom(book.LiveCount + 1);
        _venue.Now = _options.SessionStartNs;
        _venue.BeginSnapshotEvent();
        _records.Append(book.InstrumentId, MboAction.Clear, MboSide.None, 0, MboEvent.UndefinedPrice, 0);
        var orders = book.Pool.Orders;
        for (var i = 0; i < book.LiveCount; i++)
        {
            ref var o = ref orders[book.LiveAt(i)];
            _records.Append(book.InstrumentId, MboAction.Add, SimulatedVenue.ToMbo(o.Side), o.Id, o.Tick * book.TickSize, (uint)o.Size);
        }
        _records.EndEvent();
    }

    private static int EstimateLabels(SimulatorOptions o)
    {
        var perMinute = 0.0;
        foreach (var kind in EpisodeKinds.All) perMinute += o.Episodes.PerMinute(kind) * (kind == EpisodeKind.MarketMakerCallPut ? 2 : 1);
        var minutes = Math.Min(o.Duration.TotalMinutes, 240);
        return (int)Math.Min(1 << 20, perMinute * minutes * 1.5 + 64);
    }
}
