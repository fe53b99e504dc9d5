using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Ring;

/// <summary>
/// A 64-bit counter that one thread advances and others read: the ring's cursor, and each processor's
/// progress. It sits alone in its own 128-byte-padded block (two cache lines each side, because x86's
/// adjacent-line prefetcher pulls lines in pairs) so that a writer never invalidates a neighbour's line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Padding + sizeof(long) + Padding)]
public sealed class Sequence
{
    /// <summary>Value of a sequence before anything has been published or processed.</summary>
    public const long InitialValue = -1;

    private const int Padding = 128;

    [FieldOffset(Padding)]
    private long _value;

    /// <summary>Creates a sequence; it starts at <see cref="InitialValue"/> unless told otherwise.</summary>
    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>The current value, read with acquire semantics so slot contents written before it are visible.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value);
    }

    /// <summary>
    /// Ordered (release) store: everything written before it, such as slot contents, is visible to a reader
    /// that sees the new value. This is the cheap store the hot path uses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Store followed by a full fence, for the rare places that must order a store before a later load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValueVolatile(long value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Atomically sets the value if it equals <paramref name="expected"/>; true when it did.</summary>
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value, next, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <summary>Atomically adds one and returns the new value.</summary>
    public long IncrementAndGet() => Interlocked.Increment(ref _value);

    /// <summary>The minimum of <paramref name="sequences"/>, or <paramref name="ifEmpty"/> when there are none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Minimum(Sequence[] sequences, long ifEmpty)
    {
        var min = ifEmpty;
        for (var i = 0; i < sequences.Length; i++)
        {
            var v = sequences[i].Value;
            if (v < min)
                min = v;
        }
        return min;
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
