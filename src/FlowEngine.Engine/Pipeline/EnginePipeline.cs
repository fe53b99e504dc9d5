using FlowEngine.Book;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The engine's handler graph on one ring: the input journal in parallel with the business chain
/// (book → … → outputs), laid out on threads as configured:
/// <code>
///   fused:        [journal]   [book → outputs]          (two consumer threads: fits 2 cores)
///   per-handler:  [journal]   [book] → [outputs]        (one thread per stage)
///   single:       [journal → book → outputs]            (one consumer thread: lowest latency on 2 cores when paced)
/// </code>
/// The producer is gated by the journal and the last business stage. Live runs, replays and parity checks
/// all build this same graph, so a replay recomputes outputs with exactly the code that produced them.
/// </summary>
public sealed class EnginePipeline : IDisposable
{
    private readonly RingPipeline<PipelineEvent> _ring;
    private readonly BookStage _book;

    /// <summary>Builds the graph (nothing runs until <see cref="Start"/>).</summary>
    /// <param name="ring">Ring size, wait strategy and thread layout.</param>
    /// <param name="metrics">Where stages record their stats; its ring size must match.</param>
    /// <param name="inputJournal">The run's input journal, or null to run without one (parity, journal disabled).</param>
    /// <param name="outputs">Where outputs go.</param>
    /// <param name="onException">Called on a stage's thread when it throws (the logging hook); stages halt the pipeline on failure.</param>
    public EnginePipeline(RingConfig ring, EngineMetrics metrics, JournalWriter? inputJournal, IOutputSink outputs,
        HandlerExceptionCallback? onException = null)
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

        var single = ring.ThreadLayout == ThreadLayout.Single;
        var journalStats = inputJournal is null ? null : metrics.AddHandler(StageNames.Journal);
        var bookStats = metrics.AddHandler(StageNames.Book);
        var outputStats = metrics.AddHandler(StageNames.Outputs);
        if (single)
        {
            var meter = metrics.AddThread(inputJournal is null ? StageNames.Book + "+" + StageNames.Outputs : StageNames.Journal + "+" + StageNames.Book + "+" + StageNames.Outputs);
            var stages = new List<IValueEventHandler<PipelineEvent>>();
            if (inputJournal is not null)
                stages.Add(Named(new InputJournalStage(inputJournal, new StageProbe(journalStats!, null, metrics)), StageNames.Journal));
            _book = Named(new BookStage(new BookSet(), new StageProbe(bookStats, null, metrics), metrics.Counters.Anomalies), StageNames.Book);
            stages.Add(_book);
            stages.Add(Named(new OutputStage(outputs, new StageProbe(outputStats, meter, metrics), metrics.Counters.Outputs), StageNames.Outputs));
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
            var meter = metrics.AddThread(StageNames.Book + "+" + StageNames.Outputs);
            _book = Named(new BookStage(new BookSet(), new StageProbe(bookStats, null, metrics), metrics.Counters.Anomalies), StageNames.Book);
            var output = Named(new OutputStage(outputs, new StageProbe(outputStats, meter, metrics), metrics.Counters.Outputs), StageNames.Outputs);
            _ring.HandleEventsWithFused(_book, output);
        }
        else
        {
            _book = new BookStage(new BookSet(), new StageProbe(bookStats, metrics.AddThread(StageNames.Book), metrics), metrics.Counters.Anomalies);
            var output = new OutputStage(outputs, new StageProbe(outputStats, metrics.AddThread(StageNames.Outputs), metrics), metrics.Counters.Outputs);
            _ring.HandleEventsWith(_book, new HandlerOptions { Name = StageNames.Book })
                .Then(output, new HandlerOptions { Name = StageNames.Outputs });
        }
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

    /// <summary>Starts every stage's thread; returns the ring to publish into.</summary>
    public RingBuffer<PipelineEvent> Start() => _ring.Start();

    /// <summary>Drains everything published, stops and joins the stage threads; false when a thread did not exit in time.</summary>
    public bool Halt(TimeSpan timeout) => _ring.Halt(timeout);

    /// <summary>Slots published but not yet consumed by the slowest stage (cold side, any thread).</summary>
    public long Occupancy => _ring.BufferSize - _ring.RemainingCapacity;

    /// <summary>Halts with a 30-second timeout.</summary>
    public void Dispose() => _ring.Dispose();
}
