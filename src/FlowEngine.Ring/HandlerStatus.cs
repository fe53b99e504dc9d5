namespace FlowEngine.Ring;

/// <summary>
/// Live view of one handler, readable from any thread without locks: its name, how far it has got, how far
/// behind the cursor it is, and how many exceptions it has absorbed. Handlers fused on one thread share
/// their processor's sequence.
/// </summary>
public sealed class HandlerStatus
{
    private readonly Sequence _cursor;
    private readonly HandlerExceptionCallback? _callback;
    private Sequence _sequence;
    private long _exceptionCount;

    internal HandlerStatus(string name, ExceptionPolicy policy, Sequence cursor, HandlerExceptionCallback? callback)
    {
        Name = name;
        Policy = policy;
        _cursor = cursor;
        _callback = callback;
        _sequence = cursor; // replaced by the processor's sequence when the processor is built
    }

    /// <summary>The handler's name.</summary>
    public string Name { get; }

    /// <summary>What happens when this handler throws.</summary>
    public ExceptionPolicy Policy { get; }

    /// <summary>Name of the thread that runs the handler (shared by a fused group); null until started.</summary>
    public string? ThreadName { get; internal set; }

    /// <summary>Highest sequence this handler's processor has finished.</summary>
    public long Sequence => _sequence.Value;

    /// <summary>Events published but not yet finished by this handler's processor.</summary>
    public long Lag => _cursor.Value - _sequence.Value;

    /// <summary>Exceptions this handler has thrown so far (all of them, whatever the policy).</summary>
    public long ExceptionCount => Volatile.Read(ref _exceptionCount);

    internal Sequence ProgressSequence
    {
        get => _sequence;
        set => _sequence = value;
    }

    /// <summary>Counts and reports the exception; true when the policy says carry on.</summary>
    internal bool OnException(Exception exception, long sequence)
    {
        Interlocked.Increment(ref _exceptionCount);
        _callback?.Invoke(Name, sequence, exception);
        return Policy == ExceptionPolicy.LogAndContinue;
    }

    /// <summary>Counts and reports a lifecycle failure (start/shutdown) without consulting the policy.</summary>
    internal void Report(Exception exception, long sequence)
    {
        Interlocked.Increment(ref _exceptionCount);
        _callback?.Invoke(Name, sequence, exception);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: sequence {Sequence}, lag {Lag}, exceptions {ExceptionCount}";
}
