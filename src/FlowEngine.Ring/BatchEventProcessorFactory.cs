using System.Reflection;

namespace FlowEngine.Ring;

/// <summary>
/// Creates the fastest processor for a handler object: a processor compiled for the handler's own struct
/// type, or for a generated struct proxy of its class, so the per-event call is direct. Falls back to an
/// interface-typed processor when dynamic code is not available.
/// </summary>
public static class BatchEventProcessorFactory
{
    /// <summary>Creates a processor for <paramref name="handler"/> reading <paramref name="ring"/> through <paramref name="barrier"/>.</summary>
    /// <param name="ring">The ring to read.</param>
    /// <param name="barrier">What to wait on: the cursor, or earlier processors.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="name">Name for reports and the thread; defaults to the handler's type name.</param>
    /// <param name="policy">What to do when the handler throws.</param>
    /// <param name="onException">Called on the processor's thread for each handler exception.</param>
    public static IEventProcessor Create<T>(
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        IValueEventHandler<T> handler,
        string? name = null,
        ExceptionPolicy policy = ExceptionPolicy.Halt,
        HandlerExceptionCallback? onException = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(handler);
        var status = new HandlerStatus(name ?? handler.GetType().Name, policy, ring.Sequencer.CursorSequence, onException);
        return Create(ring, barrier, handler, status);
    }

    internal static IEventProcessor Create<T>(RingBuffer<T> ring, SequenceBarrier barrier, IValueEventHandler<T> handler, HandlerStatus status)
        where T : struct
    {
        var runtimeType = handler.GetType();
        var callBatchStart = HandlerTraits.OverridesBatchStart<T>(runtimeType);
        Type handlerType;
        object handlerArgument;
        if (runtimeType.IsValueType)
        {
            // A boxed struct: compile the loop for its real type (the processor keeps its own copy).
            handlerType = runtimeType;
            handlerArgument = handler;
        }
        else if (StructProxyGenerator.GetProxyType<T>(runtimeType) is { } proxyType
                 && StructProxyGenerator.CreateProxy(proxyType, handler) is { } proxy)
        {
            handlerType = proxyType;
            handlerArgument = proxy;
        }
        else
        {
            return new BatchEventProcessor<T, IValueEventHandler<T>>(ring, barrier, handler, status, null, callBatchStart);
        }

        var processorType = typeof(BatchEventProcessor<,>).MakeGenericType(typeof(T), handlerType);
        var ctor = processorType.GetConstructor(
            BindingFlags.NonPublic | BindingFlags.Instance,
            [typeof(RingBuffer<T>), typeof(SequenceBarrier), handlerType, typeof(HandlerStatus), typeof(FusedEventHandler<T>), typeof(bool)])
            ?? throw new InvalidOperationException("BatchEventProcessor's internal constructor is missing");
        try
        {
            return (IEventProcessor)ctor.Invoke([ring, barrier, handlerArgument, status, null, callBatchStart]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
