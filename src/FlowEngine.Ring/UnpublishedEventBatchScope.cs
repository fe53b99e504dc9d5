using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// A claimed, not yet published run of slots. Disposing it publishes the whole run with one cursor store.
/// </summary>
public readonly ref struct UnpublishedEventBatchScope<T> where T : struct
{
    private readonly RingBuffer<T> _ring;

    internal UnpublishedEventBatchScope(RingBuffer<T> ring, long startSequence, long endSequence)
    {
        _ring = ring;
        StartSequence = startSequence;
        EndSequence = endSequence;
    }

    /// <summary>First claimed sequence.</summary>
    public long StartSequence { get; }

    /// <summary>Last claimed sequence.</summary>
    public long EndSequence { get; }

    /// <summary>Number of claimed slots.</summary>
    public int Length => (int)(EndSequence - StartSequence + 1);

    /// <summary>The claimed slot at <paramref name="index"/> (0-based within the run), to fill in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Event(int index)
    {
        // One compare keeps a bad index from silently writing into someone else's slot.
        if ((uint)index >= (uint)Length)
            ThrowIndex(index);
        return ref _ring[StartSequence + index];
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be within the claimed run of {Length} slots");

    /// <summary>Publishes every slot of the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => _ring.Publish(StartSequence, EndSequence);
}
