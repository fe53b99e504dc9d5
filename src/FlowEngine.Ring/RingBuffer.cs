using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Ring;

/// <summary>
/// A pre-allocated ring of struct slots shared by one producer and its processors. Producers claim a slot,
/// fill it in place through a <c>ref</c>, and publish; processors read the same slot by <c>ref</c>. Nothing is
/// copied, boxed or allocated per event.
/// </summary>
/// <typeparam name="T">The slot type; ideally a blittable struct of one cache line.</typeparam>
public sealed class RingBuffer<T> where T : struct
{
    // Unused slots before and after the live ones so neighbouring heap objects never share their cache lines.
    private static readonly int s_pad = (128 + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();

    // Slots without references live in a pinned block whose first live slot starts on a cache line: an array of
    // 64-byte events starts wherever the heap puts it, and a slot straddling two lines shares one with its
    // neighbour, so the producer filling slot n+1 and the consumer reading slot n fight over a line on every event.
    private static readonly bool s_aligned = !RuntimeHelpers.IsReferenceOrContainsReferences<T>();
    private const int CacheLine = 64;

    private readonly T[] _entries;
    private readonly long[] _block; // longs, not bytes: 16 Mi slots of 128 bytes is past a byte array's 2 GiB limit
    private readonly nint _firstSlot;
    private readonly long _mask;
    private readonly SingleProducerSequencer _sequencer;

    /// <summary>Creates a ring of <paramref name="bufferSize"/> slots (a power of two) with the given wait strategy, or the default <see cref="SpinThenBlockWaitStrategy"/>.</summary>
    public RingBuffer(int bufferSize, IWaitStrategy? waitStrategy = null)
        : this(new SingleProducerSequencer(bufferSize, waitStrategy ?? new SpinThenBlockWaitStrategy()))
    {
    }

    /// <summary>Creates a ring over an existing sequencer, sized to match it.</summary>
    public RingBuffer(SingleProducerSequencer sequencer)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        _sequencer = sequencer;
        _mask = sequencer.BufferSize - 1;
        var slots = sequencer.BufferSize + 2 * s_pad;
        if (s_aligned)
        {
            _entries = [];
            var bytes = (long)slots * Unsafe.SizeOf<T>() + CacheLine;
            _block = GC.AllocateArray<long>((int)((bytes + sizeof(long) - 1) / sizeof(long)), pinned: true);
            var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0) + (long)s_pad * Unsafe.SizeOf<T>();
            _firstSlot = (nint)((long)s_pad * Unsafe.SizeOf<T>() + (CacheLine - start % CacheLine) % CacheLine);
        }
        else
        {
            _entries = new T[slots];
            _block = [];
        }
    }

    /// <summary>The slot for <paramref name="sequence"/>, by reference and without a bounds check.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref DataStart, (nint)(sequence & _mask));
    }

    /// <summary>Number of slots.</summary>
    public int BufferSize => _sequencer.BufferSize;

    /// <summary>Highest published sequence (-1 before the first publish).</summary>
    public long Cursor => _sequencer.Cursor;

    /// <summary>The sequencer that claims and publishes slots in this ring.</summary>
    public SingleProducerSequencer Sequencer => _sequencer;

    /// <summary>The wait strategy processors of this ring use.</summary>
    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _sequencer.Next();

    /// <summary>Claims <paramref name="n"/> slots; returns the highest claimed sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n) => _sequencer.Next(n);

    /// <summary>Claims the next slot if the ring has room now; false without waiting when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => _sequencer.TryNext(out sequence);

    /// <summary>Claims <paramref name="n"/> slots if the ring has room for all now; false without waiting otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long sequence) => _sequencer.TryNext(n, out sequence);

    /// <summary>Publishes <paramref name="sequence"/> and everything claimed before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence) => _sequencer.Publish(sequence);

    /// <summary>Publishes the batch <paramref name="lo"/>..<paramref name="hi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi) => _sequencer.Publish(lo, hi);

    /// <summary>Free slots right now, from the slowest gating consumer's point of view; readable from any thread.</summary>
    public long GetRemainingCapacity() => _sequencer.GetRemainingCapacity();

    /// <summary>Adds consumer sequences the producer must not lap.</summary>
    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    /// <summary>Creates a barrier on the cursor and on processors that must run first.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => _sequencer.NewBarrier(dependents);

    /// <summary>
    /// Claims one slot and returns a scope whose <c>Dispose</c> publishes it:
    /// <c>using (var scope = ring.PublishEvent()) { ref var e = ref scope.Event(); ... }</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UnpublishedEventScope<T> PublishEvent() => new(this, _sequencer.Next());

    /// <summary>Claims <paramref name="count"/> slots and returns a scope whose <c>Dispose</c> publishes them all at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UnpublishedEventBatchScope<T> PublishEvents(int count)
    {
        var hi = _sequencer.Next(count);
        return new(this, hi - count + 1, hi);
    }

    /// <summary>Start of the live slots and the index mask, for processors that hoist them out of their loop.</summary>
    internal ref T DataStart
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref s_aligned
            ? ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<long, byte>(ref MemoryMarshal.GetArrayDataReference(_block)), _firstSlot))
            : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), s_pad);
    }

    /// <summary>Index mask: slot index = sequence &amp; mask.</summary>
    internal long Mask => _mask;
}
