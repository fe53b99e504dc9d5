using System.Runtime.CompilerServices;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// When recent orders were added, by order id, in a fixed direct-mapped table: the newest add wins a slot, so
/// an old entry may be forgotten but a hit is always exact. Enough to tell fleeting orders (cancelled soon
/// after they were placed) without per-order allocation or unbounded memory. Id and time share one entry so
/// a lookup touches one cache line. A struct held in the instrument's state, so the table is one hop away, not two.
/// </summary>
internal readonly struct RecentAddCache
{
    private struct Entry
    {
        public ulong Id;
        public long Time;
    }

    private readonly Entry[] _entries;
    private readonly int _shift;

    /// <summary>Creates a table of 2^<paramref name="bits"/> slots.</summary>
    public RecentAddCache(int bits)
    {
        _entries = new Entry[1 << bits];
        _shift = 64 - bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong orderId) => (int)((orderId * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>Remembers that <paramref name="orderId"/> was added at <paramref name="tsNs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Added(ulong orderId, long tsNs)
    {
        ref var e = ref _entries[Slot(orderId)];
        e.Id = orderId;
        e.Time = tsNs;
    }

    /// <summary>True when <paramref name="orderId"/> was added no more than <paramref name="maxAgeNs"/> before <paramref name="tsNs"/>; forgets it either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RemovedWithin(ulong orderId, long tsNs, long maxAgeNs)
    {
        ref var e = ref _entries[Slot(orderId)];
        if (e.Id != orderId)
            return false;
        e.Id = 0;
        return tsNs - e.Time <= maxAgeNs;
    }

    /// <summary>Forgets everything.</summary>
    public void Clear() => Array.Clear(_entries);
}
