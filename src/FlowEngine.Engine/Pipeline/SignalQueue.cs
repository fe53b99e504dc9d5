using System.Runtime.CompilerServices;
using FlowEngine.Engine.Metrics;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The signals the flow stage produced, waiting for the output stage. A ring slot has room for a position and a
/// count, not for a variable number of 232-byte signals (a window close can score every instrument of a chain
/// at one tick), so the flow stage appends each event's signals here and writes where they start and how many
/// into the slot; the output stage reads them when it handles that slot and then marks them consumed.
/// </summary>
/// <remarks>
/// <para>Single writer per field: the flow stage's thread writes the entries, <see cref="Written"/> and the array;
/// the output stage's thread writes <see cref="Consumed"/>. Entries for an event are written before the flow stage
/// publishes that event's sequence, so the ring's barrier makes them visible to the output stage.</para>
/// <para>Storage is a power-of-two ring reused as the output stage consumes. When the output stage is more than a
/// ring's worth of signals behind (only possible with a thread of its own and a pathological burst), the flow stage
/// copies what is pending into a ring twice the size instead of waiting: waiting could deadlock when both stages
/// share a thread, and the old array is never written again, so a reader still on it reads valid entries. A signal
/// is therefore never dropped or overwritten before it was output; the rare growth allocates (and is counted).</para>
/// </remarks>
public sealed class SignalQueue
{
    /// <summary>Default capacity: signals are a few per second, a thousand pending is far beyond any real burst.</summary>
    public const int DefaultCapacity = 1024;

    private Signal[] _items;
    private long _written;
    private PaddedLong _consumed;

    /// <summary>Creates a queue with room for <paramref name="capacity"/> pending signals (a power of two).</summary>
    public SignalQueue(int capacity = DefaultCapacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be a positive power of two");
        _items = new Signal[capacity];
    }

    /// <summary>Signals appended so far; the index the next one gets (flow stage's thread).</summary>
    public long Written => _written;

    /// <summary>Signals the output stage has finished with (any thread).</summary>
    public long Consumed => Volatile.Read(ref _consumed.Value);

    /// <summary>Current capacity (any thread).</summary>
    public int Capacity => Volatile.Read(ref _items).Length;

    /// <summary>How often the queue had to grow (flow stage's thread; read after the pipeline halted).</summary>
    public int Growths { get; private set; }

    /// <summary>Appends one signal (flow stage's thread). Allocation-free unless the output stage is a whole ring behind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(in Signal signal)
    {
        var items = _items;
        if (_written - Volatile.Read(ref _consumed.Value) >= items.Length)
            items = Grow();
        items[(int)(_written & (items.Length - 1))] = signal;
        _written++;
    }

    /// <summary>The signal at <paramref name="index"/> (output stage's thread; the index must be published and not yet consumed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly Signal At(long index)
    {
        var items = Volatile.Read(ref _items);
        return ref items[(int)(index & (items.Length - 1))];
    }

    /// <summary>The output stage is done with every signal before <paramref name="upTo"/> (output stage's thread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkConsumed(long upTo) => Volatile.Write(ref _consumed.Value, upTo);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Signal[] Grow()
    {
        var old = _items;
        var bigger = new Signal[old.Length * 2];
        // Entries below the consumed mark read here may already be consumed: copying them too is harmless.
        for (var i = Volatile.Read(ref _consumed.Value); i < _written; i++)
            bigger[(int)(i & (bigger.Length - 1))] = old[(int)(i & (old.Length - 1))];
        Volatile.Write(ref _items, bigger);
        Growths++;
        return bigger;
    }
}
