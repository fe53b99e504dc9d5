using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// The rolling high percentile of the last N order sizes of one instrument, in fixed storage: a ring of the
/// sizes' histogram bins plus the histogram (exact bins for 0–255 lots, 16 geometric bins per doubling above), so adding a size
/// is O(1) and allocation-free. The threshold is recomputed from the histogram every 32 adds; above 255 lots
/// it is the lower edge of its bin (within 1/16 of a doubling of the exact order statistic).
/// </summary>
public sealed class RollingSizePercentile
{
    private const int ExactBins = 256;
    private const int SubBins = 16;
    private const int BinCount = ExactBins + (32 - 8) * SubBins;
    private const int RecomputeEvery = 32;

    // The ring keeps each size's histogram bin (it is all eviction needs): half the bytes of the sizes.
    private readonly ushort[] _ring;
    private readonly int[] _counts = new int[BinCount];
    private readonly double _percentile;
    private readonly int _minSamples;
    private int _head;
    private int _count;
    private int _sinceRecompute;
    private int _topBin;
    private long _threshold = long.MaxValue;

    /// <summary>Keeps the last <paramref name="history"/> sizes; the threshold is their <paramref name="percentile"/>-th percentile once <paramref name="minSamples"/> were seen.</summary>
    public RollingSizePercentile(int history, double percentile, int minSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamples, 1);
        if (percentile is <= 0 or >= 100)
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "percentile must be in (0, 100)");
        _ring = new ushort[history];
        _percentile = percentile;
        _minSamples = minSamples;
    }

    /// <summary>Sizes currently in the window.</summary>
    public int Count => _count;

    /// <summary>Sizes strictly above this are large; <see cref="long.MaxValue"/> until enough sizes were seen.</summary>
    public long Threshold => _threshold;

    /// <summary>True when <paramref name="size"/> is above the threshold. Checked before <see cref="Add"/> so an order is judged against the sizes before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsLarge(uint size) => size > _threshold;

    /// <summary>Adds a size, evicting the oldest when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint size)
    {
        if (_count == _ring.Length)
            _counts[_ring[_head]]--;
        else
            _count++;
        var bin = Bin(size);
        _ring[_head] = (ushort)bin;
        if (++_head == _ring.Length)
            _head = 0;
        _counts[bin]++;
        if (bin > _topBin)
            _topBin = bin;
        if (++_sinceRecompute >= RecomputeEvery)
            Recompute();
    }

    /// <summary>Forces the threshold to reflect every size added so far.</summary>
    public void Recompute()
    {
        _sinceRecompute = 0;
        if (_count < _minSamples)
        {
            _threshold = long.MaxValue;
            return;
        }
        // Nearest rank: the smallest bin whose cumulative count reaches p% of the sizes, found from the top.
        var rank = (long)Math.Ceiling(_percentile / 100.0 * _count);
        var above = _count - rank;
        var seen = 0L;
        var bin = _topBin;
        while (bin > 0)
        {
            seen += _counts[bin];
            if (seen > above)
                break;
            bin--;
        }
        while (_topBin > 0 && _counts[_topBin] == 0)
            _topBin--;
        _threshold = LowerEdge(bin);
    }

    /// <summary>
    /// The <paramref name="percentile"/>-th percentile (nearest rank, bin lower edge above 255) of the sizes in
    /// the window, or <see cref="long.MaxValue"/> before <c>minSamples</c> sizes were seen. O(bins): for rare
    /// events, not every add.
    /// </summary>
    public long ValueAt(double percentile)
    {
        if (_count < _minSamples)
            return long.MaxValue;
        var rank = (long)Math.Ceiling(percentile / 100.0 * _count);
        if (rank < 1)
            rank = 1;
        var seen = 0L;
        for (var bin = 0; bin < BinCount; bin++)
        {
            seen += _counts[bin];
            if (seen >= rank)
                return LowerEdge(bin);
        }
        return LowerEdge(BinCount - 1);
    }

    /// <summary>Histogram bin of a size.</summary>
    internal static int Bin(uint size)
    {
        if (size < ExactBins)
            return (int)size;
        var octave = 31 - BitOperations.LeadingZeroCount(size);
        var fraction = (int)((size >> (octave - 4)) & (SubBins - 1));
        return ExactBins + (octave - 8) * SubBins + fraction;
    }

    /// <summary>Smallest size that falls in <paramref name="bin"/>.</summary>
    internal static long LowerEdge(int bin)
    {
        if (bin < ExactBins)
            return bin;
        var octave = (bin - ExactBins) / SubBins + 8;
        var fraction = (bin - ExactBins) % SubBins;
        return (1L << octave) + ((long)fraction << (octave - 4));
    }
}
