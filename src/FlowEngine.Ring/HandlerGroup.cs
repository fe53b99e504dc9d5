namespace FlowEngine.Ring;

/// <summary>
/// A set of processors added together; the handle for saying what runs after them. <c>Then</c> makes the next
/// handlers wait until every processor of this group has finished with an event.
/// </summary>
public sealed class HandlerGroup<T> where T : struct
{
    private readonly RingPipeline<T> _pipeline;
    private readonly IEventProcessor[] _processors;

    internal HandlerGroup(RingPipeline<T> pipeline, IEventProcessor[] processors)
    {
        _pipeline = pipeline;
        _processors = processors;
    }

    /// <summary>The processors of this group (one per thread).</summary>
    public IReadOnlyList<IEventProcessor> Processors => _processors;

    /// <summary>Their sequences, which later stages wait on.</summary>
    public Sequence[] Sequences
    {
        get
        {
            var sequences = new Sequence[_processors.Length];
            for (var i = 0; i < sequences.Length; i++)
                sequences[i] = _processors[i].Sequence;
            return sequences;
        }
    }

    /// <summary>Runs each handler on its own thread, in parallel with one another, after this group.</summary>
    public HandlerGroup<T> Then(params IValueEventHandler<T>[] handlers) => _pipeline.AddParallel(this, handlers);

    /// <summary>
    /// Runs one handler on its own thread after this group. A struct handler gets a processor compiled for it,
    /// so its calls are direct.
    /// </summary>
    public HandlerGroup<T> Then<THandler>(THandler handler, HandlerOptions? options = null)
        where THandler : IValueEventHandler<T> => _pipeline.AddSingle(this, handler, options);

    /// <summary>Runs the handlers on one thread after this group, each event going through them in the given order.</summary>
    public HandlerGroup<T> ThenFused(params IValueEventHandler<T>[] handlers) => _pipeline.AddFused(this, handlers);

    /// <summary>Combines this group with <paramref name="other"/>, so a following <c>Then</c> waits for both.</summary>
    public HandlerGroup<T> And(HandlerGroup<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._pipeline != _pipeline)
            throw new ArgumentException("handler groups belong to different pipelines", nameof(other));
        var combined = new IEventProcessor[_processors.Length + other._processors.Length];
        _processors.CopyTo(combined, 0);
        other._processors.CopyTo(combined, _processors.Length);
        return new HandlerGroup<T>(_pipeline, combined);
    }
}
