using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// Waits on a barrier and hands every available event to its handler by <c>ref</c>, in sequence order, then
/// publishes its progress with one store per batch. Batching is what lets a consumer that fell behind
/// catch up: it pays the synchronisation cost once for everything that has piled up.
/// </summary>
/// <typeparam name="T">Slot type.</typeparam>
/// <typeparam name="THandler">
/// The handler type. When it is a struct the JIT compiles this loop for it and the handler call is direct and
/// inlinable. <see cref="BatchEventProcessorFactory"/> and <see cref="RingPipeline{T}"/> get the same for class
/// handlers by wrapping them in a generated struct proxy.
/// </typeparam>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor, IFaultReporting
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private const int Idle = 0, Running = 1, Stopped = 2;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly Sequence _sequence = new();
    private readonly HandlerStatus _status;
    private readonly FusedEventHandler<T>? _fused;
    private readonly BlockingSignal? _signal;
    private readonly ManualResetEventSlim _started = new(false);
    private readonly bool _callBatchStart; // false when the handler keeps the empty default: skip a call per batch
#pragma warning disable IDE0044 // not readonly: a struct handler must be mutated in place, not copied per call
    private THandler _handler;
#pragma warning restore IDE0044
    private long _current; // the sequence being handled, so a failure can be attributed without EH in the hot loop
    private long _stopAt = long.MaxValue;
    private int _state;
    private HandlerFault? _fault;

    /// <summary>
    /// Creates a processor that reads <paramref name="ring"/> through <paramref name="barrier"/> and feeds
    /// <paramref name="handler"/>. Add its <see cref="Sequence"/> to the ring's gating sequences (or to a later
    /// barrier) before publishing.
    /// </summary>
    /// <param name="ring">The ring to read.</param>
    /// <param name="barrier">What to wait on: the cursor, or earlier processors.</param>
    /// <param name="handler">The handler; a struct handler is specialised and inlined.</param>
    /// <param name="name">Name for reports and the thread; defaults to the handler's type name.</param>
    /// <param name="policy">What to do when the handler throws.</param>
    /// <param name="onException">Called on this thread for each handler exception.</param>
    public BatchEventProcessor(
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        string? name = null,
        ExceptionPolicy policy = ExceptionPolicy.Halt,
        HandlerExceptionCallback? onException = null)
        : this(ring, barrier, handler, new HandlerStatus(name ?? handler?.GetType().Name ?? typeof(THandler).Name, policy, ring.Sequencer.CursorSequence, onException), null,
               handler is null || HandlerTraits.OverridesBatchStart<T>(handler.GetType()))
    {
    }

    internal BatchEventProcessor(RingBuffer<T> ring, SequenceBarrier barrier, THandler handler, HandlerStatus status, FusedEventHandler<T>? fused, bool callBatchStart)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _status = status;
        _status.ProgressSequence = _sequence;
        _fused = fused ?? handler as FusedEventHandler<T>;
        _fused?.BindProgress(_sequence);
        _signal = ring.WaitStrategy.Signal;
        _callBatchStart = callBatchStart;
    }

    /// <inheritdoc />
    public Sequence Sequence => _sequence;

    /// <inheritdoc />
    public string Name => _status.Name;

    /// <summary>Live status of the handler (for a fused group: the group; members report through their own statuses).</summary>
    public HandlerStatus Status => _status;

    /// <inheritdoc />
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <inheritdoc />
    public HandlerFault? Fault => Volatile.Read(ref _fault);

    /// <summary>The handler type the loop was compiled for (a generated proxy when a class handler was proxied).</summary>
    public Type HandlerType => typeof(THandler);

    /// <inheritdoc />
    Action<HandlerFault>? IFaultReporting.FaultObserver { get; set; }

    /// <inheritdoc />
    public bool WaitUntilStarted(TimeSpan timeout) => _started.Wait(timeout);

    /// <inheritdoc />
    public void Halt() => HaltAfter(long.MinValue);

    /// <inheritdoc />
    public void HaltAfter(long sequence)
    {
        long current;
        while (sequence < (current = Volatile.Read(ref _stopAt)))
        {
            if (Interlocked.CompareExchange(ref _stopAt, sequence, current) == current)
                break;
        }
        _barrier.Alert();
    }

    /// <inheritdoc />
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
            throw new InvalidOperationException($"processor '{Name}' has already been run; a processor runs once");
        try
        {
            if (NotifyStart())
                ProcessEvents();
        }
        catch (Exception ex)
        {
            // Only an exception callback can get here; it must stop the pipeline, not kill the process.
            RecordFault(_status.Name, _sequence.Value + 1, ex);
        }
        finally
        {
            NotifyShutdown();
            Volatile.Write(ref _state, Stopped);
            _started.Set(); // release anyone still waiting for a start that failed
        }
    }

    // The exception handler lives here, one frame above the hot loop: a try region around the loop itself
    // would make the JIT keep the loop's locals in memory.
    private void ProcessEvents()
    {
        while (true)
        {
            try
            {
                RunBatches();
                return;
            }
            catch (Exception ex)
            {
                var failed = _current;
                if (!ContinueAfterEvent(ex, failed))
                {
                    _sequence.SetValue(failed - 1); // events before the failed one are done
                    return;
                }
                // The failed event was seen; mark it done and carry on after it.
                _sequence.SetValue(failed);
                if (_signal is { HasWaiters: true } signal)
                    signal.WakeAll();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBatches()
    {
        var barrier = _barrier;
        var sequence = _sequence;
        var signal = _signal;
        var mask = _ring.Mask;
        ref var data = ref _ring.DataStart;
        var next = sequence.Value + 1;

        while (true)
        {
            var available = barrier.WaitFor(next);
            if (available >= next)
            {
                if (_callBatchStart && !BatchStart(available - next + 1, next))
                {
                    sequence.SetValue(next - 1);
                    return;
                }
                ProcessBatch(ref data, mask, next, available);
                next = available + 1;
                sequence.SetValue(available);
                if (signal is { HasWaiters: true })
                    signal.WakeAll();
            }

            if (barrier.IsAlerted)
            {
                if (next > Volatile.Read(ref _stopAt))
                    return;
                if (available < next)
                    YieldWhileDraining();
            }
        }
    }

    // The per-event loop, in its own frame so the JIT keeps its few locals in registers.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void ProcessBatch(ref T data, long mask, long next, long available)
    {
        for (; next <= available; next++)
        {
            _current = next;
            _handler.OnEvent(ref Unsafe.Add(ref data, (nint)(next & mask)), next, next == available);
        }
    }

    // Draining after a halt: earlier stages are still catching up to the stop point. Out of line so the
    // P/Invoke frame of Thread.Yield does not take registers from the hot loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void YieldWhileDraining() => Thread.Yield();

    // Once per batch, out of line so its exception handler stays out of the hot loop. A LogAndContinue failure
    // here loses no event: the batch goes on. False means a halting failure was recorded.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool BatchStart(long batchSize, long sequence)
    {
        try
        {
            _handler.OnBatchStart(batchSize, sequence);
            return true;
        }
        catch (Exception ex)
        {
            return ContinueAfterEvent(ex, sequence);
        }
    }

    private bool ContinueAfterEvent(Exception ex, long sequence)
    {
        if (_fused is null)
        {
            if (_status.OnException(ex, sequence))
                return true;
            RecordFault(_status.Name, sequence, ex);
            return false;
        }

        // A fused group applies each member's policy itself; what escapes it is a member that must halt.
        RecordFault((_fused.TakeFailedStatus() ?? _status).Name, sequence, ex);
        return false;
    }

    private void RecordFault(string handlerName, long sequence, Exception ex)
    {
        var fault = new HandlerFault(handlerName, sequence, ex);
        if (Interlocked.CompareExchange(ref _fault, fault, null) is null)
        {
            _ring.Sequencer.Halt(fault.ToString());
            ((IFaultReporting)this).FaultObserver?.Invoke(fault);
        }
    }

    private bool NotifyStart()
    {
        try
        {
            _handler.OnStart();
            return true;
        }
        catch (Exception ex)
        {
            var blamed = _fused is null ? _status : _fused.TakeFailedStatus() ?? _status;
            if (_fused is null)
                _status.Report(ex, _sequence.Value);
            RecordFault(blamed.Name, _sequence.Value, ex);
            return false;
        }
        finally
        {
            _started.Set();
        }
    }

    private void NotifyShutdown()
    {
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception ex)
        {
            // Shutdown failures cannot stop anything any more; they are counted and reported (a fused group
            // reports its members' failures itself and never rethrows them).
            try
            {
                _status.Report(ex, _sequence.Value);
            }
            catch (Exception)
            {
                // The callback itself failed while the thread is exiting; the failure is already counted.
            }
        }
    }
}
