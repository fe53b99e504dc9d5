using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Ring;

/// <summary>
/// Park/unpark for blocking wait strategies, built so a publisher pays one plain load and a branch when no
/// consumer is parked, signals once per park (not once per publish), and no wake-up is ever lost.
/// </summary>
/// <remarks>
/// The classic race: the consumer checks the cursor (stale), the publisher advances the cursor and sees
/// "nobody waiting", the consumer parks forever. Both sides store then load (Dekker), so one side needs a full
/// fence. Rather than fence every publish, the consumer, which is about to sleep anyway, arms the signal and
/// then issues a process-wide barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>, membarrier on
/// Linux). After it, either the publisher's cursor store is visible to the consumer's re-check, or the armed
/// flag is visible to the publisher's <see cref="HasWaiters"/> load. The consumer holds the monitor from its
/// re-check until <see cref="Monitor.Wait(object)"/> releases it, and <see cref="WakeAll"/> needs the monitor,
/// so a wake-up cannot slip between the check and the park either. The first publisher to see the flag
/// disarms it and wakes everyone; a waiter that still has to wait re-arms (and fences) before parking again.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Padding + 32 + Padding)]
public sealed class BlockingSignal
{
    private const int Padding = 128;

    [FieldOffset(Padding)]
    private readonly object _gate = new();

    [FieldOffset(Padding + 8)]
    private int _armed;

    [FieldOffset(Padding + 12)]
    private int _parked;

    [FieldOffset(Padding + 16)]
    private long _parks;

    [FieldOffset(Padding + 24)]
    private long _wakes;

    /// <summary>True when some thread is parked (or about to park) and has not been woken yet. One volatile load.</summary>
    public bool HasWaiters
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _armed) != 0;
    }

    /// <summary>Threads currently inside <see cref="Park"/>; for tests and diagnostics.</summary>
    public int Waiters => Volatile.Read(ref _parked);

    /// <summary>Times a thread actually went to sleep; a high rate under load means the spin phase is too short.</summary>
    public long ParkCount => Volatile.Read(ref _parks);

    /// <summary>Times a publisher or processor had to wake sleepers (each costs it a lock and a futex wake).</summary>
    public long WakeCount => Volatile.Read(ref _wakes);

    /// <summary>
    /// Wakes every parked thread so it re-checks its condition. Cheap to call when nobody is armed (one
    /// exchange); publishers normally call it only after <see cref="HasWaiters"/> said true.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WakeAll()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 0)
            return; // another publisher already woke them
        Interlocked.Increment(ref _wakes);
        lock (_gate)
            Monitor.PulseAll(_gate);
    }

    /// <summary>Wakes every parked thread unconditionally (used by alerts, which must never be missed).</summary>
    public void WakeAllUnconditionally()
    {
        Volatile.Write(ref _armed, 0);
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
            Interlocked.Increment(ref _parked);
            try
            {
                while (true)
                {
                    Volatile.Write(ref _armed, 1);
                    // The asymmetric half of the fence described on the type.
                    Interlocked.MemoryBarrierProcessWide();
                    if ((available = barrier.DependentValue) >= sequence || barrier.IsAlerted)
                        break;
                    Interlocked.Increment(ref _parks);
                    Monitor.Wait(_gate);
                    if ((available = barrier.DependentValue) >= sequence || barrier.IsAlerted)
                        break;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _parked);
            }
        }
        return available;
    }
}
