using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Randomness;

/// <summary>
/// Walker's alias method: picks an index with probability proportional to its weight in O(1) from one
/// 64-bit random number. The background flow uses it to choose which instrument acts next.
/// </summary>
internal sealed class AliasTable
{
    private readonly uint[] _threshold;
    private readonly int[] _alias;

    /// <summary>Builds the table (Vose's stable construction) from positive weights.</summary>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0) throw new ArgumentException("an alias table needs at least one weight", nameof(weights));
        _threshold = new uint[n];
        _alias = new int[n];
        var total = 0.0;
        foreach (var w in weights) total += w;
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _threshold[s] = ToThreshold(scaled[s]);
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }
        while (large.Count > 0) { var l = large.Pop(); _threshold[l] = uint.MaxValue; _alias[l] = l; }
        while (small.Count > 0) { var s = small.Pop(); _threshold[s] = uint.MaxValue; _alias[s] = s; }
    }

    /// <summary>One draw: an index in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(Xoshiro256StarStar rng)
    {
        var r = rng.NextU64();
        var column = (int)(((r >> 32) * (ulong)_alias.Length) >> 32);
        return (uint)r < _threshold[column] ? column : _alias[column];
    }

    private static uint ToThreshold(double p) => p >= 1.0 ? uint.MaxValue : (uint)(p * 4294967296.0);
}
