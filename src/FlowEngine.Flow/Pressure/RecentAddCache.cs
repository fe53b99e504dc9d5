using System.Runtime.CompilerServices;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// When recent orders were added, by order id, in a fixed direct-mapped table: the newest add wins a slot, so
/// an old entry may be forgotten but a hit is always exact. Enough to tell fleeting orders (cancelled soon
/// after they were placed) without per-order allocation or unbounded memory.
/// </summary>
internal sealed class RecentAddCache
{
    private readonly ulong[] _ids;
    private readonly long[] _times;
    private readonly int _shift;

    /// <summary>Creates a table of 2^<paramref name="bits"/> slots.</summary>
    public RecentAddCache(int bits)
    {
        _ids = new ulong[1 << bits];
        _times = new long[1 << bits];
        _shift = 64 - bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong orderId) => (int)((orderId * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>Remembers that <paramref name="orderId"/> was added at <paramref name="tsNs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Added(ulong orderId, long tsNs)
    {
        var slot = Slot(orderId);
        _ids[slot] = orderId;
        _times[slot] = tsNs;
    }

    /// <summary>True when <paramref name="orderId"/> was added no more than <paramref name="maxAgeNs"/> before <paramref name="tsNs"/>; forgets it either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RemovedWithin(ulong orderId, long tsNs, long maxAgeNs)
    {
        var slot = Slot(orderId);
        if (_ids[slot] != orderId)
            return false;
        _ids[slot] = 0;
        return tsNs - _times[slot] <= maxAgeNs;
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Array.Clear(_ids);
        Array.Clear(_times);
    }
}
