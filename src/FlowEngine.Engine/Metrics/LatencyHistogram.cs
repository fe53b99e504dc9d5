using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Engine.Metrics;

/// <summary>
/// An allocation-free latency histogram with log-linear buckets (the HdrHistogram layout): values below 256
/// get one bucket each, and every further power of two is split into 128 equal buckets. A value is
/// therefore reported with a relative error below 1/128 (0.8 %, between two and three significant digits)
/// from 1 ns to <see cref="HighestTrackableValue"/> (about 68.7 s) in 3 840 buckets (30 KiB).
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> One writer thread calls <see cref="Record"/>, <see cref="Merge(LatencyHistogram)"/>
/// and <see cref="Reset"/>. Any thread may call <see cref="CopyTo"/> at any time. The writer uses plain
/// stores of aligned 64-bit counters, which are atomic on 64-bit platforms; the reader copies each counter
/// with a volatile read and derives the total from the copied buckets, so a snapshot is always an internally
/// consistent histogram: of every sample recorded before the copy started plus some of those recorded
/// during it.</para>
/// <para>We chose this over a seqlock or a double buffer on purpose: at millions of records per second a
/// seqlock over 30 KiB would make the reader retry forever, and a phased double buffer needs interlocked
/// operations on the writer for every record. Here the writer pays nothing for being observed. Percentile
/// queries on the histogram itself (<see cref="ValueAtPercentile(double)"/>) are meant for the writer or for after
/// the writer has stopped (the end-of-run report).</para>
/// <para>Reported values are the highest value of the bucket (clamped to the exact maximum), so a
/// percentile never under-reports a latency.</para>
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>log2 of the number of linear sub-buckets per power of two, doubled: 256 exact buckets, then 128 per octave.</summary>
    public const int SubBucketBits = 8;

    /// <summary>Largest value that gets its own bucket (2^36 - 1 ns, about 68.7 s); larger values land in the last bucket.</summary>
    public const long HighestTrackableValue = (1L << 36) - 1;

    private const int HalfBits = SubBucketBits - 1;

    /// <summary>Number of buckets covering 0 .. <see cref="HighestTrackableValue"/>.</summary>
    public static int BucketCount { get; } = BucketIndex(HighestTrackableValue) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _totalCount;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    /// <summary>Samples recorded (writer's view).</summary>
    public long TotalCount => Volatile.Read(ref _totalCount);

    /// <summary>Exact largest sample, 0 when empty.</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Exact smallest sample, 0 when empty.</summary>
    public long Min => TotalCount == 0 ? 0 : Volatile.Read(ref _min);

    /// <summary>
    /// Records one latency in nanoseconds. Negative values (clock adjustments) count as 0; values above
    /// <see cref="HighestTrackableValue"/> go to the last bucket but still set <see cref="Max"/> exactly.
    /// Allocation-free and branch-light: this is on the hot path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long nanoseconds)
    {
        var v = nanoseconds < 0 ? 0 : nanoseconds;
        var clamped = v > HighestTrackableValue ? HighestTrackableValue : v;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), BucketIndex(clamped))++;
        _totalCount++;
        _sum += v;
        if (v > _max)
            _max = v;
        if (v < _min)
            _min = v;
    }

    /// <summary>Adds every sample of <paramref name="other"/> (read as a snapshot) to this histogram. Writer thread only.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
            return;
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += Volatile.Read(ref other._counts[i]);
        _totalCount += Volatile.Read(ref other._totalCount);
        _sum += Volatile.Read(ref other._sum);
        _max = Math.Max(_max, Volatile.Read(ref other._max));
        _min = Math.Min(_min, Volatile.Read(ref other._min));
    }

    /// <summary>Adds every sample of <paramref name="snapshot"/>. Writer thread only.</summary>
    public void Merge(LatencySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.TotalCount == 0)
            return;
        var counts = snapshot.Counts;
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += counts[i];
        _totalCount += snapshot.TotalCount;
        _sum += snapshot.Sum;
        _max = Math.Max(_max, snapshot.Max);
        _min = Math.Min(_min, snapshot.Min);
    }

    /// <summary>Forgets every sample. Writer thread only (a concurrent reader may see a partly cleared copy).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _totalCount = 0;
        _sum = 0;
        _max = 0;
        _min = long.MaxValue;
    }

    /// <summary>Copies the current state into <paramref name="target"/>; safe from any thread, allocation-free.</summary>
    public void CopyTo(LatencySnapshot target)
    {
        ArgumentNullException.ThrowIfNull(target);
        // Scalars first: they may then lag the buckets slightly, never run ahead of samples we cannot see.
        var sum = Volatile.Read(ref _sum);
        var sumCount = Volatile.Read(ref _totalCount);
        var min = Volatile.Read(ref _min);
        var max = Volatile.Read(ref _max);
        var dst = target.Counts;
        long total = 0;
        for (var i = 0; i < dst.Length; i++)
        {
            var c = Volatile.Read(ref _counts[i]);
            dst[i] = c;
            total += c;
        }
        if (total == 0)
        {
            target.Set(0, 0, 0, 0, 0);
            return;
        }
        // Samples recorded after the scalars were read may sit in the copied buckets: widen min/max just
        // enough to stay consistent with them.
        min = Math.Min(min, HighestValueOfBucket(FirstNonEmpty(dst)));
        max = Math.Max(max, LowestValueOfBucket(LastNonEmpty(dst)));
        target.Set(total, sum, sumCount, min, max);
    }

    /// <summary>A fresh snapshot of the current state (allocates; use <see cref="CopyTo"/> on a reused snapshot when polling).</summary>
    public LatencySnapshot Snapshot()
    {
        var s = new LatencySnapshot();
        CopyTo(s);
        return s;
    }

    /// <summary>Value at <paramref name="percentile"/> (0..100), nearest-rank. Writer thread or after the writer stopped.</summary>
    public long ValueAtPercentile(double percentile) =>
        ValueAtPercentile(_counts, TotalCount, percentile, Min, Max);

    /// <summary>p50/p90/p99/p99.9/max of the current state. Writer thread or after the writer stopped.</summary>
    public LatencySummary Summarize() => Snapshot().Summarize();

    /// <summary>The bucket holding <paramref name="value"/> (0 .. <see cref="HighestTrackableValue"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int BucketIndex(long value)
    {
        // Values below 2^SubBucketBits map to themselves; above, drop `shift` low bits and offset by the
        // 2^HalfBits buckets each preceding octave used. The two cases meet without a gap at 256.
        var msb = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value | 1);
        var shift = Math.Max(0, msb - HalfBits);
        return (shift << HalfBits) + (int)(value >> shift);
    }

    /// <summary>Smallest value that lands in bucket <paramref name="index"/>.</summary>
    internal static long LowestValueOfBucket(int index)
    {
        if (index < 1 << SubBucketBits)
            return index;
        var shift = (index >> HalfBits) - 1;
        var sub = index - (shift << HalfBits);
        return (long)sub << shift;
    }

    /// <summary>Largest value that lands in bucket <paramref name="index"/>.</summary>
    internal static long HighestValueOfBucket(int index)
    {
        if (index < 1 << SubBucketBits)
            return index;
        var shift = (index >> HalfBits) - 1;
        return LowestValueOfBucket(index) + (1L << shift) - 1;
    }

    internal static long ValueAtPercentile(ReadOnlySpan<long> counts, long total, double percentile, long min, long max)
    {
        if (total <= 0)
            return 0;
        if (double.IsNaN(percentile) || percentile <= 0)
            return min;
        if (percentile >= 100)
            return max;
        // Decimal keeps 99.9 % of 1000 at rank 999; in double it is 999.0000000000001 and rounds up to 1000.
        var rank = (long)Math.Ceiling((decimal)percentile * total / 100m);
        if (rank < 1)
            rank = 1;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
                return Math.Max(min, Math.Min(HighestValueOfBucket(i), max));
        }
        return max;
    }

    private static int FirstNonEmpty(long[] counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 0)
                return i;
        }
        return 0;
    }

    private static int LastNonEmpty(long[] counts)
    {
        for (var i = counts.Length - 1; i >= 0; i--)
        {
            if (counts[i] != 0)
                return i;
        }
        return 0;
    }
}
