using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// What a processor waits on: the ring's cursor when it is a first-stage processor, otherwise the sequences of
/// the processors it runs after (which never pass the cursor, so their minimum is what is safe to read).
/// Alerting the barrier makes every wait return at once; that is how processors are told to halt.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly Sequence _first;
    private readonly Sequence[] _dependents;
    private volatile bool _alerted;

    /// <summary>
    /// Creates a barrier over <paramref name="cursor"/> and, when given, the <paramref name="dependents"/> that
    /// must have finished with an event before the owner of this barrier may see it.
    /// </summary>
    public SequenceBarrier(IWaitStrategy waitStrategy, Sequence cursor, params Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependents);
        _waitStrategy = waitStrategy;
        _cursor = cursor;
        _dependents = dependents.Length == 0 ? [cursor] : (Sequence[])dependents.Clone();
        _first = _dependents[0];
    }

    /// <summary>The ring's cursor: the highest published sequence.</summary>
    public long Cursor => _cursor.Value;

    /// <summary>Highest sequence every dependency has reached, i.e. the highest the owner may read.</summary>
    public long DependentValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var deps = _dependents;
            if (deps.Length == 1)
                return _first.Value;
            return Sequence.Minimum(deps, long.MaxValue);
        }
    }

    /// <summary>True once <see cref="Alert"/> has been called.</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Returns the highest available sequence, waiting with the strategy when <paramref name="sequence"/> is not
    /// yet available. The result is below <paramref name="sequence"/> only when the barrier is alerted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        var available = DependentValue;
        return available >= sequence ? available : WaitSlow(sequence);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitSlow(long sequence) => _waitStrategy.WaitFor(sequence, this);

    /// <summary>Makes current and future waits return immediately, waking parked waiters.</summary>
    public void Alert()
    {
        _alerted = true;
        // Unconditional: the alerter is not on the hot path, and a waiter checks the flag under the monitor.
        _waitStrategy.Signal?.WakeAllUnconditionally();
    }

    /// <summary>Clears the alert so the barrier can be waited on again.</summary>
    public void ClearAlert() => _alerted = false;
}
