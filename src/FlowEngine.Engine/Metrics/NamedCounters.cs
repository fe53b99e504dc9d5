namespace FlowEngine.Engine.Metrics;

/// <summary>
/// A fixed set of named counters (anomaly kinds, output kinds). Names are registered on the cold side before
/// the run; the hot path increments by index, with no strings or dictionaries. Each counter must have a
/// single writer thread, but different counters may be written by different threads: every counter sits on
/// its own cache line.
/// </summary>
public sealed class NamedCounters
{
    private readonly PaddedLong[] _values;
    private readonly string[] _names;
    private readonly Lock _registration = new();
    private int _count;

    /// <summary>Creates room for <paramref name="capacity"/> counters; storage is allocated once, here.</summary>
    public NamedCounters(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new PaddedLong[capacity];
        _names = new string[capacity];
    }

    /// <summary>Number of registered counters.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The index of counter <paramref name="name"/>, registering it on first use. Cold side only (it takes a
    /// lock); keep the index and use it on the hot path.
    /// </summary>
    public int Register(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_registration)
        {
            for (var i = 0; i < _count; i++)
            {
                if (_names[i] == name)
                    return i;
            }
            if (_count == _names.Length)
                throw new InvalidOperationException($"more than {_names.Length} counters registered; raise the capacity");
            _names[_count] = name;
            Volatile.Write(ref _count, _count + 1);
            return _count - 1;
        }
    }

    /// <summary>Adds one to counter <paramref name="index"/>. Hot path; its single writer only.</summary>
    public void Increment(int index) => _values[index].Value++;

    /// <summary>Adds <paramref name="amount"/> to counter <paramref name="index"/>. Hot path; its single writer only.</summary>
    public void Add(int index, long amount) => _values[index].Value += amount;

    /// <summary>The current value of counter <paramref name="index"/>; any thread.</summary>
    public long Read(int index) => Volatile.Read(ref _values[index].Value);

    /// <summary>The name of counter <paramref name="index"/>.</summary>
    public string NameOf(int index) => _names[index];

    /// <summary>Sum of all counters; any thread.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            var n = Count;
            for (var i = 0; i < n; i++)
                total += Read(i);
            return total;
        }
    }

    /// <summary>Name and value of every counter, in registration order (allocates: cold side).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ToList()
    {
        var n = Count;
        var result = new KeyValuePair<string, long>[n];
        for (var i = 0; i < n; i++)
            result[i] = new KeyValuePair<string, long>(_names[i], Read(i));
        return result;
    }
}
