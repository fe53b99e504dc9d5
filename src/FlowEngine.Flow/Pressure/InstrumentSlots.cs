using System.Runtime.CompilerServices;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Instrument id → dense slot number, open-addressed with linear probing over a power-of-two table of
/// (id, slot + 1) pairs, so a lookup is one multiply and usually one cache line. Faster than a Dictionary on
/// the hot path and never iterated, so no hash order can leak into outputs. Grows (allocating) only when a
/// new instrument arrives.
/// </summary>
internal sealed class InstrumentSlots
{
    private struct Entry
    {
        public uint Key;
        public int ValuePlusOne; // 0: empty
    }

    private Entry[] _entries = new Entry[64];
    private int _count;

    /// <summary>Number of instruments mapped.</summary>
    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint key, int mask) => (int)((key * 0x9E3779B1u) >> 7) & mask;

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(uint key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Home(key, mask);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.ValuePlusOne == 0)
                return -1;
            if (e.Key == key)
                return e.ValuePlusOne - 1;
            i = (i + 1) & mask;
        }
    }

    /// <summary>Maps <paramref name="key"/> to <paramref name="value"/> (the key must be new).</summary>
    public void Add(uint key, int value)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            var old = _entries;
            _entries = new Entry[old.Length * 2];
            foreach (var e in old)
            {
                if (e.ValuePlusOne != 0)
                    Insert(e.Key, e.ValuePlusOne - 1);
            }
        }
        Insert(key, value);
        _count++;
    }

    private void Insert(uint key, int value)
    {
        var mask = _entries.Length - 1;
        var i = Home(key, mask);
        while (_entries[i].ValuePlusOne != 0)
            i = (i + 1) & mask;
        _entries[i].Key = key;
        _entries[i].ValuePlusOne = value + 1;
    }
}
