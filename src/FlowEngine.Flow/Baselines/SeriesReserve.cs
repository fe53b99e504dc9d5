using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace FlowEngine.Flow.Baselines;

/// <summary>
/// Blank <see cref="BaselineSeries"/> built ahead of time on a cold thread, for the business thread to take
/// when a new time-of-day bucket begins. Each new key costs about 1.4 KB (the session buffers); built on the
/// business thread, a 43-instrument chain allocated ~295 KB there every 30 minutes of event time, after warm-up.
/// </summary>
/// <remarks>
/// One producer (<see cref="Refill"/>, on a cold thread such as the run monitor) and one consumer (the thread
/// that owns the <see cref="BaselineStore"/>): a bounded ring of references with release/acquire on the two
/// counters, so a taken series is always fully built. A blank series has no samples and no history, so where it
/// was built never changes a result; when the reserve is empty the store builds the series itself, as before.
/// </remarks>
public sealed class SeriesReserve
{
    private readonly BaselineOptions _options;
    private readonly BaselineSeries?[] _slots;
    private readonly int _mask;
    private long _taken;   // written by the consumer only
    private long _filled;  // written by the producer only
    private int _target;

    /// <summary>A reserve holding at most <paramref name="capacity"/> blanks (rounded up to a power of two).</summary>
    public SeriesReserve(BaselineOptions options, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _options = options;
        _slots = new BaselineSeries?[(int)BitOperations.RoundUpToPowerOf2((uint)capacity)];
        _mask = _slots.Length - 1;
    }

    /// <summary>Default capacity: a bucket's keys for 1,024 instruments at one window length, twice over.</summary>
    public const int DefaultCapacity = 8192;

    /// <summary>Most blanks the reserve can hold.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Blanks <see cref="Refill"/> keeps ready; 0 (the default) keeps none. Clamped to <see cref="Capacity"/>.</summary>
    public int Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, Math.Clamp(value, 0, _slots.Length));
    }

    /// <summary>Blanks ready now.</summary>
    public int Count => (int)(Volatile.Read(ref _filled) - Volatile.Read(ref _taken));

    /// <summary>Blanks taken by the store so far.</summary>
    public long Taken => Volatile.Read(ref _taken);

    /// <summary>
    /// Builds blanks until <see cref="Target"/> are ready; returns how many it built. Call from one cold thread
    /// at a time (it allocates).
    /// </summary>
    public int Refill()
    {
        var built = 0;
        var filled = _filled;
        var target = Target;
        while (filled - Volatile.Read(ref _taken) < target)
        {
            _slots[filled & _mask] = new BaselineSeries(_options);
            filled++;
            built++;
            Volatile.Write(ref _filled, filled); // publishes the slot written above
        }
        return built;
    }

    /// <summary>Takes a blank when one is ready (the consumer side; never allocates).</summary>
    internal bool TryTake([NotNullWhen(true)] out BaselineSeries? series)
    {
        var taken = _taken;
        if (taken == Volatile.Read(ref _filled))
        {
            series = null;
            return false;
        }
        ref var slot = ref _slots[taken & _mask];
        series = slot!;
        slot = null; // before the counter moves, so the producer never overwrites a slot still being read
        Volatile.Write(ref _taken, taken + 1);
        return true;
    }
}
