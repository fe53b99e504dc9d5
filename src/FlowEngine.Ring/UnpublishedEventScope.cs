using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// One claimed, not yet published slot. Disposing it publishes the slot, so <c>using</c> guarantees a claim is
/// never left unpublished (which would stall every consumer behind it).
/// </summary>
public readonly ref struct UnpublishedEventScope<T> where T : struct
{
    private readonly RingBuffer<T> _ring;

    internal UnpublishedEventScope(RingBuffer<T> ring, long sequence)
    {
        _ring = ring;
        Sequence = sequence;
    }

    /// <summary>The claimed sequence.</summary>
    public long Sequence { get; }

    /// <summary>The claimed slot, to fill in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Event() => ref _ring[Sequence];

    /// <summary>Publishes the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => _ring.Publish(Sequence);
}
