using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// Builds and runs a ring with its graph of processors, each on its own named thread (never the thread pool,
/// whose threads can be borrowed by anyone). Shaped like Disruptor-net's DSL:
/// <c>pipeline.HandleEventsWith(a, b).Then(c)</c> runs A and B in parallel and C after both;
/// <c>HandleEventsWithFused(book, pressure, ifd)</c> runs a chain on one thread.
/// </summary>
/// <remarks>
/// Lifecycle: add handlers, <see cref="Start"/>, publish through <see cref="Ring"/> from one thread,
/// <see cref="Halt"/>. Halt drains everything published before the call, then stops and joins every thread.
/// A handler failure under <see cref="ExceptionPolicy.Halt"/> stops all processors at once and is
/// reported by <see cref="Fault"/>; a producer that then needs room gets a <see cref="RingHaltedException"/>.
/// </remarks>
public sealed class RingPipeline<T> : IDisposable where T : struct
{
    private readonly List<IEventProcessor> _processors = [];
    private readonly List<Thread> _threads = [];
    private readonly List<HandlerStatus> _statuses = [];
    private readonly HashSet<IEventProcessor> _leaves = [];
    private readonly Dictionary<object, HandlerOptions> _options = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly ExceptionPolicy _defaultPolicy;
    private readonly HandlerExceptionCallback? _onException;
    private readonly string _threadPrefix;
    private readonly object _lifecycle = new();
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private HandlerFault? _fault;
    private int _state; // 0 building, 1 started, 2 halted

    /// <summary>Creates a pipeline over a new ring.</summary>
    /// <param name="bufferSize">Ring slots, a power of two.</param>
    /// <param name="waitStrategy">How processors wait; default <see cref="SpinThenBlockWaitStrategy"/>.</param>
    /// <param name="defaultPolicy">Exception policy for handlers that do not set their own.</param>
    /// <param name="onException">Called on the handler's thread for every handler exception (the logging hook).</param>
    /// <param name="threadNamePrefix">Prefix of processor thread names, e.g. "ring" gives "ring:book".</param>
    public RingPipeline(
        int bufferSize,
        IWaitStrategy? waitStrategy = null,
        ExceptionPolicy defaultPolicy = ExceptionPolicy.Halt,
        HandlerExceptionCallback? onException = null,
        string threadNamePrefix = "ring")
    {
        Ring = new RingBuffer<T>(bufferSize, waitStrategy);
        _defaultPolicy = defaultPolicy;
        _onException = onException;
        _threadPrefix = threadNamePrefix;
    }

    /// <summary>The ring to publish into (from one thread).</summary>
    public RingBuffer<T> Ring { get; }

    /// <summary>Highest published sequence.</summary>
    public long Cursor => Ring.Cursor;

    /// <summary>
    /// Called on each processor thread, with the processor's name (a fused group's is <c>a+b+c</c>), before its
    /// handlers' start callbacks: the place to set CPU affinity or priority, which only a thread can do for
    /// itself. Set it before <see cref="Start"/>. An exception from it goes to the pipeline's exception callback and
    /// the processor runs anyway.
    /// </summary>
    public Action<string>? ThreadStarting { get; set; }

    /// <summary>Ring slots.</summary>
    public int BufferSize => Ring.BufferSize;

    /// <summary>Slots the producer can claim without waiting; readable from any thread.</summary>
    public long RemainingCapacity => Ring.GetRemainingCapacity();

    /// <summary>Live status of every handler, in the order added; readable from any thread without locks.</summary>
    public IReadOnlyList<HandlerStatus> Handlers => _statuses;

    /// <summary>Every processor, in the order added (a fused group is one processor).</summary>
    public IReadOnlyList<IEventProcessor> Processors => _processors;

    /// <summary>Names of the processor threads, in the order added.</summary>
    public IReadOnlyList<string> ThreadNames
    {
        get
        {
            var names = new string[_threads.Count];
            for (var i = 0; i < names.Length; i++)
                names[i] = _threads[i].Name ?? string.Empty;
            return names;
        }
    }

    /// <summary>The first handler failure that halted the pipeline, or null.</summary>
    public HandlerFault? Fault => Volatile.Read(ref _fault);

    /// <summary>True while any processor thread is alive.</summary>
    public bool IsRunning
    {
        get
        {
            foreach (var thread in _threads)
            {
                if (thread.IsAlive)
                    return true;
            }
            return false;
        }
    }

    internal IReadOnlyList<Thread> Threads => _threads;

    /// <summary>The status of the handler called <paramref name="name"/>.</summary>
    public HandlerStatus GetHandler(string name)
    {
        foreach (var status in _statuses)
        {
            if (status.Name == name)
                return status;
        }
        throw new ArgumentException($"no handler named '{name}' in this pipeline", nameof(name));
    }

    /// <summary>
    /// Sets the name and/or exception policy of a handler object before it is added. Keyed by reference, so it
    /// applies to class handlers; pass options directly to the generic <c>HandleEventsWith</c>/<c>Then</c> for structs.
    /// </summary>
    public RingPipeline<T> Configure(IValueEventHandler<T> handler, HandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        EnsureBuilding();
        _options[handler] = options;
        return this;
    }

    /// <summary>Runs each handler on its own thread, in parallel, reading straight from the ring.</summary>
    public HandlerGroup<T> HandleEventsWith(params IValueEventHandler<T>[] handlers) => AddParallel(null, handlers);

    /// <summary>Runs one handler on its own thread; a struct handler gets a processor compiled for it.</summary>
    public HandlerGroup<T> HandleEventsWith<THandler>(THandler handler, HandlerOptions? options = null)
        where THandler : IValueEventHandler<T> => AddSingle(null, handler, options);

    /// <summary>Runs the handlers on one thread, each event going through them in the given order.</summary>
    public HandlerGroup<T> HandleEventsWithFused(params IValueEventHandler<T>[] handlers) => AddFused(null, handlers);

    internal HandlerGroup<T> AddParallel(HandlerGroup<T>? after, IValueEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        if (handlers.Length == 0)
            throw new ArgumentException("at least one handler is required", nameof(handlers));
        EnsureBuilding();
        var barrier = NewBarrier(after);
        var processors = new IEventProcessor[handlers.Length];
        for (var i = 0; i < handlers.Length; i++)
        {
            var handler = handlers[i] ?? throw new ArgumentNullException(nameof(handlers), $"handler {i} is null");
            // Each parallel processor needs its own barrier: alerting one must not stop its siblings early.
            var status = NewStatus(handler, null);
            processors[i] = Register(BatchEventProcessorFactory.Create(Ring, i == 0 ? barrier : NewBarrier(after), handler, status), after);
        }
        return new HandlerGroup<T>(this, processors);
    }

    internal HandlerGroup<T> AddSingle<THandler>(HandlerGroup<T>? after, THandler handler, HandlerOptions? options)
        where THandler : IValueEventHandler<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureBuilding();
        var status = NewStatus(handler, options);
        var processor = typeof(THandler).IsValueType
            ? new BatchEventProcessor<T, THandler>(Ring, NewBarrier(after), handler, status, null, HandlerTraits.OverridesBatchStart<T>(typeof(THandler)))
            : BatchEventProcessorFactory.Create(Ring, NewBarrier(after), handler, status);
        return new HandlerGroup<T>(this, [Register(processor, after)]);
    }

    internal HandlerGroup<T> AddFused(HandlerGroup<T>? after, IValueEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        if (handlers.Length == 0)
            throw new ArgumentException("at least one handler is required", nameof(handlers));
        EnsureBuilding();
        var members = new IValueEventHandler<T>[handlers.Length];
        var statuses = new HandlerStatus[handlers.Length];
        for (var i = 0; i < handlers.Length; i++)
        {
            members[i] = handlers[i] ?? throw new ArgumentNullException(nameof(handlers), $"handler {i} is null");
            statuses[i] = NewStatus(members[i], null);
        }
        var groupName = UniqueName(string.Join('+', Array.ConvertAll(statuses, s => s.Name)), register: false);
        var groupStatus = new HandlerStatus(groupName, ExceptionPolicy.Halt, Ring.Sequencer.CursorSequence, _onException);
        var fused = new FusedEventHandler<T>(members, statuses);
        var processor = new BatchEventProcessor<T, FusedHandlerProxy<T>>(Ring, NewBarrier(after), new FusedHandlerProxy<T>(fused), groupStatus, fused,
            Array.Exists(members, m => HandlerTraits.OverridesBatchStart<T>(m.GetType())));
        return new HandlerGroup<T>(this, [Register(processor, after)]);
    }

    /// <summary>
    /// Starts every processor on its own thread and waits until each has run its handlers' start callbacks.
    /// Returns the ring to publish into. Throws when a handler's start callback failed.
    /// </summary>
    public RingBuffer<T> Start()
    {
        lock (_lifecycle)
        {
            EnsureBuilding();
            if (_processors.Count == 0)
                throw new InvalidOperationException("the pipeline has no handlers; add some before Start");
            var leaves = new List<Sequence>();
            foreach (var processor in _processors)
            {
                if (_leaves.Contains(processor))
                    leaves.Add(processor.Sequence);
            }
            Ring.AddGatingSequences([.. leaves]);

            foreach (var processor in _processors)
            {
                var starting = ThreadStarting;
                var name = processor.Name;
                ThreadStart run = processor.Run;
                var onException = _onException;
                var thread = new Thread(starting is null ? run : (ThreadStart)(() =>
                {
                    try
                    {
                        starting(name);
                    }
                    catch (Exception ex)
                    {
                        // Thread placement is a tuning, not a correctness matter: report it and run anyway.
                        onException?.Invoke(name, Sequence.InitialValue, ex);
                    }
                    run();
                }))
                {
                    Name = $"{_threadPrefix}:{name}",
                    IsBackground = true, // a wedged handler must not keep the process alive after a failed halt
                };
                _threads.Add(thread);
                foreach (var status in _statuses)
                {
                    if (ReferenceEquals(status.ProgressSequence, processor.Sequence))
                        status.ThreadName = thread.Name;
                }
            }
            _state = 1;
            foreach (var thread in _threads)
                thread.Start();
        }

        foreach (var processor in _processors)
        {
            if (!processor.WaitUntilStarted(StartTimeout))
            {
                Halt(TimeSpan.FromSeconds(1));
                throw new TimeoutException($"processor '{processor.Name}' did not finish its start callbacks within {StartTimeout.TotalSeconds:0} s");
            }
        }

        if (Fault is { } fault)
        {
            Halt(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException($"the pipeline failed to start: {fault}", fault.Exception);
        }
        return Ring;
    }

    /// <summary>
    /// Clean stop: every processor finishes all events published before this call, runs its shutdown callbacks
    /// and exits; then the threads are joined. Returns false when some thread did not exit within
    /// <paramref name="timeout"/> (a handler stuck in its own code). Safe to call more than once.
    /// </summary>
    public bool Halt(TimeSpan timeout)
    {
        lock (_lifecycle)
        {
            if (_state == 0)
            {
                _state = 2;
                return true;
            }
            if (_state == 1)
            {
                _state = 2;
                var drainTo = Ring.Cursor;
                foreach (var processor in _processors)
                    processor.HaltAfter(drainTo);
                // A producer still publishing must not wait forever for room once the consumers are gone.
                Ring.Sequencer.Halt($"the pipeline was halted at sequence {drainTo}");
            }
        }
        return Join(timeout);
    }

    /// <summary>
    /// The same drain-then-stop as <see cref="Halt"/>, under the name Disruptor-net uses for it
    /// (Disruptor-net's own <c>Halt()</c> stops without draining).
    /// </summary>
    public bool Shutdown(TimeSpan timeout) => Halt(timeout);

    /// <summary>Waits until every processor thread has exited (after a halt or a fault); false on timeout.</summary>
    public bool Join(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        foreach (var thread in _threads)
        {
            if (thread == Thread.CurrentThread)
                continue; // halted from inside a handler: this thread exits when the handler returns
            var remaining = Math.Max(0, deadline - Environment.TickCount64);
            if (!thread.Join(TimeSpan.FromMilliseconds(remaining)))
                return false;
        }
        return true;
    }

    /// <summary>Halts with a 30-second join timeout.</summary>
    public void Dispose() => Halt(TimeSpan.FromSeconds(30));

    private void OnFault(HandlerFault fault)
    {
        if (Interlocked.CompareExchange(ref _fault, fault, null) is not null)
            return;
        foreach (var processor in _processors)
            processor.Halt();
    }

    private IEventProcessor Register(IEventProcessor processor, HandlerGroup<T>? after)
    {
        ((IFaultReporting)processor).FaultObserver = OnFault;
        _processors.Add(processor);
        _leaves.Add(processor);
        if (after is not null)
        {
            foreach (var upstream in after.Processors)
                _leaves.Remove(upstream);
        }
        return processor;
    }

    private SequenceBarrier NewBarrier(HandlerGroup<T>? after) =>
        after is null ? Ring.NewBarrier() : Ring.NewBarrier(after.Sequences);

    private HandlerStatus NewStatus(object handler, HandlerOptions? options)
    {
        if (options is null && !handler.GetType().IsValueType)
            _options.TryGetValue(handler, out options);
        var name = UniqueName(options?.Name ?? handler.GetType().Name, register: true);
        var status = new HandlerStatus(name, options?.ExceptionPolicy ?? _defaultPolicy, Ring.Sequencer.CursorSequence, _onException);
        _statuses.Add(status);
        return status;
    }

    private string UniqueName(string name, bool register)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("handler name must not be empty");
        var unique = name;
        for (var n = 2; _names.Contains(unique); n++)
            unique = $"{name}#{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (register)
            _names.Add(unique);
        return unique;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnsureBuilding()
    {
        if (_state != 0)
            throw new InvalidOperationException("the pipeline has already been started or halted; handlers can only be added before Start");
    }
}
