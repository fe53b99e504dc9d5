using System.Numerics;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// Log-linear latency histogram (HdrHistogram's idea, which our registry lacks): each power of two is split
/// into 16 linear buckets, so any recorded value is reported within 1/16 (~6%) of its true value. Recording
/// is a shift, a mask and an increment into a fixed array: no allocation, cheap enough for the consumer thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;

    private readonly long[] _counts = new long[64 * SubBuckets];
    private long _count;
    private long _max;

    /// <summary>Number of recorded values.</summary>
    public long Count => _count;

    /// <summary>Largest recorded value, exactly.</summary>
    public long Max => _max;

    /// <summary>Records one value (negative values count as zero).</summary>
    public void Record(long value)
    {
        if (value < 0)
            value = 0;
        _counts[Index(value)]++;
        _count++;
        if (value > _max)
            _max = value;
    }

    /// <summary>The value at or below which <paramref name="percentile"/> percent of recordings fall (bucket upper bound).</summary>
    public long Percentile(double percentile)
    {
        if (_count == 0)
            return 0;
        var target = (long)Math.Ceiling(percentile / 100.0 * _count);
        if (target < 1)
            target = 1;
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative >= target)
                return Math.Min(UpperBound(i), _max);
        }
        return _max;
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _count = 0;
        _max = 0;
    }

    internal static int Index(long value)
    {
        if (value < SubBuckets)
            return (int)value;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits;
        return ((shift + 1) << SubBucketBits) + (int)((value >> shift) & (SubBuckets - 1));
    }

    internal static long UpperBound(int index)
    {
        if (index < SubBuckets)
            return index;
        var shift = (index >> SubBucketBits) - 1;
        long sub = index & (SubBuckets - 1);
        return ((SubBuckets + sub + 1) << shift) - 1;
    }
}
