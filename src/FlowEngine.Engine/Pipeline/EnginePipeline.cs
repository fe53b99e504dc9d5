using FlowEngine.Book;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Runs;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The engine's handler graph on one ring: the input journal in parallel with the business chain
/// (book → flow → outputs), laid out on threads as configured:
/// <code>
///   fused:        [journal]   [book → flow → outputs]          (two consumer threads: fits 2 cores)
///   per-handler:  [journal]   [book] → [flow] → [outputs]      (one thread per stage)
///   single:       [journal → book → flow → outputs]            (one consumer thread: lowest latency on 2 cores when paced)
/// </code>
/// The flow stage (pressure and IFD) is left out when no <see cref="FlowSetup"/> is given (<c>ifd.enabled</c> false).
/// The producer is gated by the journal and the last business stage. Live runs, replays and parity checks
/// all build this same graph, so a replay recomputes outputs with exactly the code that produced them.
/// </summary>
public sealed class EnginePipeline : IDisposable
{
    private readonly RingPipeline<PipelineEvent> _ring;
    private readonly BookStage _book;
    private readonly FlowStage? _flow;

    /// <summary>Builds the graph (nothing runs until <see cref="Start"/>).</summary>
    /// <param name="ring">Ring size, wait strategy and thread layout.</param>
    /// <param name="metrics">Where stages record their stats; its ring size must match.</param>
    /// <param name="inputJournal">The run's input journal, or null to run without one (parity, journal disabled).</param>
    /// <param name="outputs">Where outputs go.</param>
    /// <param name="onException">Called on a stage's thread when it throws (the logging hook); stages halt the pipeline on failure.</param>
    /// <param name="flow">Pressure/IFD settings; null for a pipeline without the flow stage.</param>
    /// <param name="pinning">When active, the thread that runs the book stage moves onto its reserved CPU as it starts.</param>
    public EnginePipeline(RingConfig ring, EngineMetrics metrics, JournalWriter? inputJournal, IOutputSink outputs,
        HandlerExceptionCallback? onException = null, FlowSetup? flow = null, CpuPinning? pinning = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(outputs);
        if (metrics.RingSize != ring.Size)
            throw new ArgumentException($"metrics were created for a ring of {metrics.RingSize} slots, the ring has {ring.Size}");
        Metrics = metrics;
        Layout = ring.ThreadLayout;
        _ring = new RingPipeline<PipelineEvent>(ring.Size, WaitStrategies.Create(ring.WaitStrategy), ExceptionPolicy.Halt, onException, "fe");
        SourceMeter = metrics.AddThread(StageNames.Source);

        var journalStats = inputJournal is null ? null : metrics.AddHandler(StageNames.Journal);
        var bookStats = metrics.AddHandler(StageNames.Book);
        var flowStats = flow is null ? null : metrics.AddHandler(StageNames.Flow);
        var outputStats = metrics.AddHandler(StageNames.Outputs);
        Signals = flow is null ? null : new SignalQueue();
        var books = new BookSet();
        var business = flow is null ? StageNames.Book + "+" + StageNames.Outputs : StageNames.Book + "+" + StageNames.Flow + "+" + StageNames.Outputs;
        if (pinning is { IsActive: true })
        {
            // Processor names are the stage names, joined by '+' for a fused group.
            _ring.ThreadStarting = name =>
            {
                if (Array.IndexOf(name.Split('+'), StageNames.Book) >= 0)
                    pinning.PinBusinessThread();
            };
        }

        if (ring.ThreadLayout == ThreadLayout.Single)
        {
            var meter = metrics.AddThread(inputJournal is null ? business : StageNames.Journal + "+" + business);
            var stages = new List<IValueEventHandler<PipelineEvent>>();
            if (inputJournal is not null)
                stages.Add(Named(new InputJournalStage(inputJournal, new StageProbe(journalStats!, null, metrics)), StageNames.Journal));
            (_book, _flow) = AddFusedChain(stages, books, flow, outputs, meter, bookStats, flowStats, outputStats, metrics);
            _ring.HandleEventsWithFused([.. stages]);
            return;
        }

        if (inputJournal is not null)
        {
            var journal = new InputJournalStage(inputJournal,
                new StageProbe(journalStats!, metrics.AddThread(StageNames.Journal), metrics));
            _ring.HandleEventsWith(journal, new HandlerOptions { Name = StageNames.Journal });
        }
        if (ring.ThreadLayout == ThreadLayout.Fused)
        {
            var meter = metrics.AddThread(business);
            var stages = new List<IValueEventHandler<PipelineEvent>>();
            (_book, _flow) = AddFusedChain(stages, books, flow, outputs, meter, bookStats, flowStats, outputStats, metrics);
            _ring.HandleEventsWithFused([.. stages]);
        }
        else
        {
            _book = new BookStage(books, new StageProbe(bookStats, metrics.AddThread(StageNames.Book), metrics), metrics.Counters.Anomalies, _ring.Ring);
            var group = _ring.HandleEventsWith(_book, new HandlerOptions { Name = StageNames.Book });
            if (flow is not null)
            {
                // A thread of its own: the book stage's books move on under it, so the flow stage keeps a replica.
                _flow = new FlowStage(flow, null, Signals!, new StageProbe(flowStats!, metrics.AddThread(StageNames.Flow), metrics), metrics.Counters.Signals);
                group = group.Then(_flow, new HandlerOptions { Name = StageNames.Flow });
            }
            var output = new OutputStage(outputs, new StageProbe(outputStats, metrics.AddThread(StageNames.Outputs), metrics), metrics.Counters.Outputs, Signals);
            group.Then(output, new HandlerOptions { Name = StageNames.Outputs });
        }
    }

    /// <summary>
    /// Appends book → (flow) → outputs, all on the caller's one thread: the flow stage then reads the book stage's
    /// own books, and the output stage's meter measures the whole thread.
    /// </summary>
    private (BookStage Book, FlowStage? Flow) AddFusedChain(List<IValueEventHandler<PipelineEvent>> stages, BookSet books, FlowSetup? flow,
        IOutputSink outputs, ThreadAllocationMeter meter, HandlerStats bookStats, HandlerStats? flowStats, HandlerStats outputStats, EngineMetrics metrics)
    {
        var book = Named(new BookStage(books, new StageProbe(bookStats, null, metrics), metrics.Counters.Anomalies, _ring.Ring), StageNames.Book);
        stages.Add(book);
        FlowStage? flowStage = null;
        if (flow is not null)
        {
            flowStage = Named(new FlowStage(flow, books, Signals!, new StageProbe(flowStats!, null, metrics), metrics.Counters.Signals), StageNames.Flow);
            stages.Add(flowStage);
        }
        stages.Add(Named(new OutputStage(outputs, new StageProbe(outputStats, meter, metrics), metrics.Counters.Outputs, Signals), StageNames.Outputs));
        return (book, flowStage);
    }

    private T Named<T>(T stage, string name) where T : class, IValueEventHandler<PipelineEvent>
    {
        _ring.Configure(stage, new HandlerOptions { Name = name });
        return stage;
    }

    /// <summary>The run's metrics.</summary>
    public EngineMetrics Metrics { get; }

    /// <summary>The thread layout in use.</summary>
    public ThreadLayout Layout { get; }

    /// <summary>The source thread's allocation meter (tick it from the publisher).</summary>
    public ThreadAllocationMeter SourceMeter { get; }

    /// <summary>The ring and its processors (status, lag, fault).</summary>
    public RingPipeline<PipelineEvent> Ring => _ring;

    /// <summary>The books; read them only after <see cref="Halt"/> returned true.</summary>
    public BookSet Books => _book.Books;

    /// <summary>The flow stage, or null without one; read its state only after <see cref="Halt"/> returned true.</summary>
    public FlowStage? Flow => _flow;

    /// <summary>The hand-off from the flow stage to the output stage, or null without a flow stage.</summary>
    public SignalQueue? Signals { get; }

    /// <summary>Starts every stage's thread; returns the ring to publish into.</summary>
    public RingBuffer<PipelineEvent> Start() => _ring.Start();

    /// <summary>Drains everything published, stops and joins the stage threads; false when a thread did not exit in time.</summary>
    public bool Halt(TimeSpan timeout) => _ring.Halt(timeout);

    /// <summary>Slots published but not yet consumed by the slowest stage (cold side, any thread).</summary>
    public long Occupancy => _ring.BufferSize - _ring.RemainingCapacity;

    /// <summary>Halts with a 30-second timeout.</summary>
    public void Dispose() => _ring.Dispose();
}
