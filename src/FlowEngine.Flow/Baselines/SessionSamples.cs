namespace FlowEngine.Flow.Baselines;

/// <summary>
/// One session's samples for one key: exact count, sum and sum of squares of every sample, plus at most
/// <c>capacity</c> kept values for order statistics. When the kept buffer fills, every other kept value is
/// dropped and the stride doubles, so the kept values are always every stride-th sample: deterministic and
/// spread over the whole session. Fixed storage: adding never allocates.
/// </summary>
public sealed class SessionSamples
{
    private readonly double[] _kept;

    /// <summary>Creates an empty session with room for <paramref name="capacity"/> kept values (at least 2).</summary>
    public SessionSamples(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _kept = new double[capacity];
        Stride = 1;
    }

    /// <summary>Samples seen.</summary>
    public long Count { get; private set; }
    /// <summary>Σ value over all samples.</summary>
    public double Sum { get; private set; }
    /// <summary>Σ value² over all samples.</summary>
    public double SumSquares { get; private set; }
    /// <summary>Every this-many-th sample is kept (1, 2, 4, …).</summary>
    public long Stride { get; private set; }
    /// <summary>Number of kept values.</summary>
    public int KeptCount { get; private set; }
    /// <summary>Room for kept values.</summary>
    public int Capacity => _kept.Length;
    /// <summary>The kept values in arrival order.</summary>
    public ReadOnlySpan<double> Kept => _kept.AsSpan(0, KeptCount);

    /// <summary>Adds one sample.</summary>
    public void Add(double value)
    {
        if (Count % Stride == 0)
        {
            if (KeptCount == _kept.Length)
            {
                // Keep samples 0, 2·stride, 4·stride, …: halve the buffer and double the stride.
                var half = 0;
                for (var i = 0; i < KeptCount; i += 2)
                    _kept[half++] = _kept[i];
                KeptCount = half;
                Stride *= 2;
            }
            if (Count % Stride == 0)
                _kept[KeptCount++] = value;
        }
        Count++;
        Sum += value;
        SumSquares += value * value;
    }

    /// <summary>Empties the session for reuse.</summary>
    public void Clear()
    {
        Count = 0;
        Sum = 0;
        SumSquares = 0;
        Stride = 1;
        KeptCount = 0;
    }

    /// <summary>Restores a saved session exactly (snapshot loading).</summary>
    public void Restore(long count, double sum, double sumSquares, long stride, ReadOnlySpan<double> kept)
    {
        if (kept.Length > _kept.Length)
            throw new ArgumentException($"{kept.Length} kept samples exceed the capacity of {_kept.Length}", nameof(kept));
        if (stride < 1 || (stride & (stride - 1)) != 0)
            throw new ArgumentException($"stride must be a power of two, got {stride}", nameof(stride));
        if (count < 0 || kept.Length != (count + stride - 1) / stride)
            throw new ArgumentException($"{kept.Length} kept samples do not match count {count} at stride {stride}", nameof(kept));
        Count = count;
        Sum = sum;
        SumSquares = sumSquares;
        Stride = stride;
        KeptCount = kept.Length;
        kept.CopyTo(_kept);
    }
}
