using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FlowEngine.Book;

/// <summary>
/// Order id → order slot, open addressing with linear probing and backward-shift deletion (no tombstones,
/// so a day of churn never degrades probes). Sized up front and doubled only when half full, so after
/// warm-up it never allocates; <see cref="Dictionary{TKey, TValue}"/> would be close but hashes ulong weakly
/// for venue ids that differ only in their high bits and cannot be cleared in place as cheaply.
/// </summary>
internal sealed class OrderIdMap
{
    private struct Entry
    {
        public ulong Key;
        // Slot + 1, so that a zeroed entry means empty and order id 0 stays a valid key.
        public int SlotPlusOne;
    }

    private Entry[] _entries;
    private int _mask;
    private int _shift;
    private int _count;
    private int _growAt;

    public OrderIdMap(int expectedOrders)
    {
        _entries = [];
        Allocate(CapacityFor(expectedOrders));
    }

    public int Count => _count;

    /// <summary>Number of entries in the table; twice the orders it holds before it grows.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The slot of <paramref name="key"/>, or -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong key)
    {
        var entries = _entries;
        var mask = _mask;
        var i = Home(key);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.SlotPlusOne == 0)
                return -1;
            if (e.Key == key)
                return e.SlotPlusOne - 1;
            i = (i + 1) & mask;
        }
    }

    /// <summary>
    /// Asks the CPU to start loading the bucket <paramref name="key"/> hashes to, so that a lookup a few events
    /// later finds it in cache. A hint only: it changes nothing and cannot fault.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref _entries[Home(key)]));
    }

    /// <summary>
    /// Returns the slot already mapped to <paramref name="key"/>; when absent, maps it to
    /// <paramref name="slot"/> and returns -1. One probe sequence serves both the lookup and the insert.
    /// </summary>
    public int FindOrInsert(ulong key, int slot)
    {
        if (_count >= _growAt)
            Allocate(_entries.Length * 2);
        var entries = _entries;
        var mask = _mask;
        var i = Home(key);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.SlotPlusOne == 0)
            {
                e.Key = key;
                e.SlotPlusOne = slot + 1;
                _count++;
                return -1;
            }
            if (e.Key == key)
                return e.SlotPlusOne - 1;
            i = (i + 1) & mask;
        }
    }

    /// <summary>Removes <paramref name="key"/>; returns false when it was absent.</summary>
    public bool Remove(ulong key)
    {
        var entries = _entries;
        var mask = _mask;
        var i = Home(key);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.SlotPlusOne == 0)
                return false;
            if (e.Key == key)
                break;
            i = (i + 1) & mask;
        }

        // Backward-shift: pull later members of the probe run into the hole when the hole lies on their
        // path from home, so every key stays reachable without tombstones.
        var hole = i;
        var j = (hole + 1) & mask;
        while (entries[j].SlotPlusOne != 0)
        {
            var home = Home(entries[j].Key);
            // Distance from home to j versus from home to the hole, both cyclic.
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                entries[hole] = entries[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        entries[hole] = default;
        _count--;
        return true;
    }

    /// <summary>Forgets every key; O(capacity), used by the rare book clear.</summary>
    public void Clear()
    {
        if (_count == 0)
            return;
        Array.Clear(_entries);
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private static int CapacityFor(int expectedOrders) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedOrders * 2));

    private void Allocate(int capacity)
    {
        var old = _entries;
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _growAt = capacity / 2;
        _count = 0;
        foreach (var e in old)
        {
            if (e.SlotPlusOne != 0)
                FindOrInsert(e.Key, e.SlotPlusOne - 1);
        }
    }
}
