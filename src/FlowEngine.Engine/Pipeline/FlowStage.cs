using FlowEngine.Book;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// Pressure and IFD: feeds every input (timer ticks included, so windows close on event time) to the Flow
/// library's <see cref="PressureTracker"/> after the book applied it, lets the <see cref="IfdScorer"/> score
/// what the tracker reports, and hands the signals to the output stage through the slot
/// (<see cref="PipelineEvent.SignalStart"/>, <see cref="PipelineEvent.SignalCount"/>) and the <see cref="SignalQueue"/>.
/// </summary>
/// <remarks>
/// <para>The tracker reads the L3 books at arbitrary levels, so it must see them exactly as they were after the
/// current event. On the book stage's thread (fused and single layouts) it reads the book stage's books. On a
/// thread of its own (per-handler layout) the book stage would already be changing those books for later events,
/// so the flow stage keeps its own replica and applies each event itself: the same deterministic function of
/// the same inputs, so the outputs are identical in every layout.</para>
/// <para>Definitions: a definition event carries only an id; the stage takes the definition the source put in the
/// <see cref="DefinitionCatalog"/> before publishing it and applies it to its own registry (this thread is its
/// only writer), so call/put pairing and related strikes appear at the same input position live and in replay.</para>
/// <para>Every input is fed, so the tracker's input index is the ring sequence, and each signal's
/// <see cref="Signal.InputIndex"/> is the sequence its output record is tagged with.</para>
/// </remarks>
public sealed class FlowStage : IValueEventHandler<PipelineEvent>
{
    private readonly BookSet _books;
    private readonly bool _appliesBooks;
    private readonly InstrumentRegistry _registry = new();
    private readonly DefinitionCatalog? _definitions;
    private readonly PressureTracker _tracker;
    private readonly IfdScorer _scorer;
    private readonly SignalQueue _signals;
    private readonly StageProbe _probe;
    private bool _baselinePrepared;

    /// <summary>Creates the stage.</summary>
    /// <param name="setup">Options, baseline and definition source.</param>
    /// <param name="sharedBooks">The book stage's books when this stage runs on its thread; null to keep a replica of its own.</param>
    /// <param name="signals">Where signals go for the output stage.</param>
    /// <param name="probe">Per-stage metrics.</param>
    /// <param name="grades">Signals counted by grade (registered here, in grade order); optional.</param>
    public FlowStage(FlowSetup setup, BookSet? sharedBooks, SignalQueue signals, StageProbe probe, NamedCounters? grades)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _signals = signals ?? throw new ArgumentNullException(nameof(signals));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _appliesBooks = sharedBooks is null;
        _books = sharedBooks ?? new BookSet();
        _definitions = setup.Definitions;
        _tracker = new PressureTracker(setup.Pressure, _books, _registry);
        _scorer = new IfdScorer(setup.Ifd, _tracker, new QueueSink(signals, grades), setup.Baseline, _registry);
        if (setup.RecordsBaseline && setup.Baseline is { } baseline)
        {
            Recorder = new BaselineRecorder(baseline, setup.Ifd.SignalWindowsNs);
            _tracker.AddListener(Recorder);
        }
    }

    /// <summary>Records the session's windows into the baseline (null unless <see cref="FlowSetup.RecordsBaseline"/>); read after the pipeline halted.</summary>
    public BaselineRecorder? Recorder { get; }

    /// <summary>True when the stage keeps its own books (it runs on a thread of its own).</summary>
    public bool AppliesBooks => _appliesBooks;

    /// <summary>The tracker (read only after the pipeline halted: this stage's thread owns it).</summary>
    public PressureTracker Tracker => _tracker;

    /// <summary>The scorer (read only after the pipeline halted).</summary>
    public IfdScorer Scorer => _scorer;

    /// <summary>The definitions the stage learned (read only after the pipeline halted).</summary>
    public InstrumentRegistry Registry => _registry;

    /// <inheritdoc />
    public void OnEvent(ref PipelineEvent data, long sequence, bool endOfBatch)
    {
        var start = _signals.Written;
        if (_appliesBooks)
            _books.Apply(in data.Input);
        if (data.Input.Kind == EventKind.InstrumentDefinition)
            LearnDefinition(data.Input.InstrumentId);
        if (Recorder is not null)
            PrepareBaseline(in data.Input);
        _tracker.OnEvent(in data.Input);
        data.SignalStart = start;
        data.SignalCount = checked((ushort)(_signals.Written - start));
        _probe.Handled(sequence, data.PublishedTicks, endOfBatch);
        if (endOfBatch)
            _probe.BatchEnd();
    }

    /// <inheritdoc />
    public void OnBatchStart(long batchSize, long sequence) => _probe.BatchStart(batchSize);

    /// <summary>
    /// At the first live event (the opening snapshot has named the instruments by then) and before each timer tick
    /// closes windows, create the baseline series those windows will record into, so the closes themselves
    /// allocate nothing.
    /// </summary>
    private void PrepareBaseline(in MboEvent evt)
    {
        if (evt.Kind == EventKind.TimerTick)
            Recorder!.Prepare(_tracker, evt.TsRecv);
        else if (!_baselinePrepared && evt.Kind == EventKind.Mbo && (evt.Flags & MboFlags.Snapshot) == 0)
            Recorder!.Prepare(_tracker, evt.TsRecv);
        else
            return;
        _baselinePrepared = true;
    }

    private void LearnDefinition(uint instrumentId)
    {
        if (_definitions?.Find(instrumentId) is { } definition)
            _registry.Apply(definition);
    }

    /// <summary>Appends each signal to the queue and counts it by grade (the scorer calls it synchronously, on this thread).</summary>
    private sealed class QueueSink : ISignalSink
    {
        private readonly SignalQueue _queue;
        private readonly NamedCounters? _grades;
        private readonly int[] _gradeIndex = new int[(int)SignalGrade.Extreme + 1];

        public QueueSink(SignalQueue queue, NamedCounters? grades)
        {
            _queue = queue;
            _grades = grades;
            if (grades is null)
                return;
            for (var g = SignalGrade.Extreme; g > SignalGrade.None; g--)
                _gradeIndex[(int)g] = grades.Register(SignalNames.Grade(g));
        }

        public void OnSignal(in Signal signal)
        {
            _queue.Append(in signal);
            if (_grades is not null && signal.Grade > SignalGrade.None)
                _grades.Increment(_gradeIndex[(int)signal.Grade]);
        }
    }
}
