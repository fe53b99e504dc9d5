using System.Runtime.CompilerServices;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Instrument id → dense slot number, open-addressed with linear probing over a power-of-two table. Faster
/// than a Dictionary on the hot path (one multiply, usually one probe) and never iterated, so no hash order
/// can leak into outputs. Grows (allocating) only when a new instrument arrives.
/// </summary>
internal sealed class InstrumentSlots
{
    private uint[] _keys = new uint[64];
    private int[] _values = new int[64];
    private bool[] _used = new bool[64];
    private int _count;

    /// <summary>Number of instruments mapped.</summary>
    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint key, int mask) => (int)((key * 0x9E3779B1u) >> 7) & mask;

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(uint key)
    {
        var mask = _keys.Length - 1;
        var i = Home(key, mask);
        while (_used[i])
        {
            if (_keys[i] == key)
                return _values[i];
            i = (i + 1) & mask;
        }
        return -1;
    }

    /// <summary>Maps <paramref name="key"/> to <paramref name="value"/> (the key must be new).</summary>
    public void Add(uint key, int value)
    {
        if ((_count + 1) * 2 > _keys.Length)
            Grow();
        Insert(key, value);
        _count++;
    }

    private void Insert(uint key, int value)
    {
        var mask = _keys.Length - 1;
        var i = Home(key, mask);
        while (_used[i])
            i = (i + 1) & mask;
        _used[i] = true;
        _keys[i] = key;
        _values[i] = value;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var used = _used;
        _keys = new uint[keys.Length * 2];
        _values = new int[keys.Length * 2];
        _used = new bool[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (used[i])
                Insert(keys[i], values[i]);
        }
    }
}
