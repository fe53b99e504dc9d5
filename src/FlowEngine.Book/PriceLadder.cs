using System.Runtime.CompilerServices;

namespace FlowEngine.Book;

/// <summary>
/// One side's price levels as a sorted array of keys with the level slot beside each key. Keys ascend and
/// the best price is the LAST element (bids store the price, asks its negation), so the common changes at
/// the top of book insert or remove at the end and cost O(1); a level deep in a 1,000-level book costs one
/// short memmove. Binary search over a contiguous long[] stays in a few cache lines.
/// </summary>
internal sealed class PriceLadder
{
    private long[] _keys;
    private int[] _levels;

    public PriceLadder(int capacity)
    {
        capacity = Math.Max(4, capacity);
        _keys = new long[capacity];
        _levels = new int[capacity];
    }

    /// <summary>Number of levels on this side.</summary>
    public int Count { get; private set; }

    /// <summary>Level slot at sorted index <paramref name="index"/> (Count − 1 is the best).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LevelAt(int index) => _levels[index];

    /// <summary>The level slot of the best price; the side must not be empty.</summary>
    public int Best => _levels[Count - 1];

    /// <summary>Sorted index of <paramref name="key"/>, or the bitwise complement of where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long key)
    {
        var count = Count;
        // Most traffic is at or next to the top: check the best key before searching.
        if (count > 0)
        {
            var top = _keys[count - 1];
            if (key == top)
                return count - 1;
            if (key > top)
                return ~count;
        }
        return new ReadOnlySpan<long>(_keys, 0, count).BinarySearch(key);
    }

    /// <summary>Inserts a key at sorted index <paramref name="index"/>, shifting the better prices up.</summary>
    public void InsertAt(int index, long key, int level)
    {
        var count = Count;
        if (count == _keys.Length)
        {
            Array.Resize(ref _keys, count * 2);
            Array.Resize(ref _levels, count * 2);
        }
        if (index < count)
        {
            Array.Copy(_keys, index, _keys, index + 1, count - index);
            Array.Copy(_levels, index, _levels, index + 1, count - index);
        }
        _keys[index] = key;
        _levels[index] = level;
        Count = count + 1;
    }

    /// <summary>Removes the key at sorted index <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        var count = Count - 1;
        if (index < count)
        {
            Array.Copy(_keys, index + 1, _keys, index, count - index);
            Array.Copy(_levels, index + 1, _levels, index, count - index);
        }
        Count = count;
    }

    /// <summary>Forgets every level (storage is kept).</summary>
    public void Clear() => Count = 0;
}
