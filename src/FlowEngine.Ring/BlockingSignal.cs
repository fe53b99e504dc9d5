using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Ring;

/// <summary>
/// Park/unpark for blocking wait strategies, built so a publisher pays one plain load and a branch when no
/// consumer is parked, yet no wake-up is ever lost.
/// </summary>
/// <remarks>
/// The classic race: the consumer checks the cursor (stale), the publisher advances the cursor and sees
/// "nobody waiting", the consumer parks forever. It is a store→load pattern on both sides (Dekker), so
/// one side needs a full fence. Rather than fence every publish, the consumer, which is about to sleep anyway,
/// registers as a waiter and then issues a process-wide barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>,
/// membarrier on Linux). After it, either the publisher's cursor store is visible to the consumer's re-check,
/// or the consumer's registration is visible to the publisher's <see cref="HasWaiters"/> load. The consumer
/// holds the monitor from its re-check to <see cref="Monitor.Wait(object)"/>, and <see cref="WakeAll"/> takes
/// the monitor, so a wake-up cannot slip between the check and the park either.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Padding + 16 + Padding)]
public sealed class BlockingSignal
{
    private const int Padding = 128;

    [FieldOffset(Padding)]
    private readonly object _gate = new();

    [FieldOffset(Padding + 8)]
    private int _waiters;

    /// <summary>True while at least one thread is parked (or about to park). One volatile load.</summary>
    public bool HasWaiters
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _waiters) != 0;
    }

    /// <summary>Threads currently parked or parking; for tests and diagnostics.</summary>
    public int Waiters => Volatile.Read(ref _waiters);

    /// <summary>Wakes every parked thread so it re-checks its condition. Takes the monitor; call only when <see cref="HasWaiters"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WakeAll()
    {
        lock (_gate)
            Monitor.PulseAll(_gate);
    }

    /// <summary>
    /// Parks the calling thread until <paramref name="barrier"/>'s dependencies reach <paramref name="sequence"/>
    /// or the barrier is alerted; returns the dependencies' value at that moment.
    /// </summary>
    public long Park(long sequence, SequenceBarrier barrier)
    {
        long available;
        lock (_gate)
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                // The asymmetric half of the fence described on the type: it makes our registration visible
                // before we re-check, and any publish that missed the registration visible to the re-check.
                Interlocked.MemoryBarrierProcessWide();
                while ((available = barrier.DependentValue) < sequence && !barrier.IsAlerted)
                    Monitor.Wait(_gate);
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
        return available;
    }
}
