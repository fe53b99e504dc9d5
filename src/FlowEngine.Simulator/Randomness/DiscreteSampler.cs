using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Randomness;

/// <summary>
/// Samples a small non-negative integer distribution (sizes, depths) with one table lookup. The table
/// holds 4096 quantiles, so each draw costs one random number and one load; probabilities are resolved
/// to 1/4096, which is far finer than anything the simulator's realism depends on.
/// </summary>
internal sealed class DiscreteSampler
{
    private const int Bits = 12;
    private const int TableSize = 1 << Bits;
    private readonly ushort[] _table = new ushort[TableSize];

    /// <summary>Builds the quantile table from unnormalised weights; weight i is the weight of value i.</summary>
    public DiscreteSampler(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        if (!(total > 0)) throw new ArgumentException("a sampler needs at least one positive weight", nameof(weights));
        var value = 0;
        var cumulative = weights[0] / total;
        for (var j = 0; j < TableSize; j++)
        {
            var q = (j + 0.5) / TableSize;
            while (q > cumulative && value < weights.Length - 1)
            {
                value++;
                cumulative += weights[value] / total;
            }
            _table[j] = (ushort)value;
        }
        var sum = 0.0;
        foreach (var v in _table) sum += v;
        Mean = sum / TableSize;
        Max = _table[TableSize - 1];
    }

    /// <summary>Mean of the distribution as actually sampled (after quantisation).</summary>
    public double Mean { get; }

    /// <summary>Largest value the sampler can return.</summary>
    public int Max { get; }

    /// <summary>One draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(Xoshiro256StarStar rng) => _table[rng.NextU32() >> (32 - Bits)];

    /// <summary>One draw from 12 random bits supplied by the caller (the low 12 bits of <paramref name="bits"/>),
    /// so one 64-bit random number can feed several independent choices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SampleBits(ulong bits) => _table[(int)(bits & (TableSize - 1))];

    /// <summary>Weights of 1 + Geometric(p) truncated at <paramref name="max"/>: many small values, a thinning tail.</summary>
    public static double[] GeometricWeights(double p, int min, int max)
    {
        var w = new double[max + 1];
        var mass = p;
        for (var v = min; v <= max; v++)
        {
            w[v] = mass;
            mass *= 1 - p;
        }
        return w;
    }

    /// <summary>Mixes <paramref name="share"/> of the probability mass of <paramref name="extra"/> into <paramref name="baseWeights"/>.</summary>
    public static double[] Mix(double[] baseWeights, double share, ReadOnlySpan<(int Value, double Weight)> extra)
    {
        var len = baseWeights.Length;
        foreach (var (v, _) in extra) len = Math.Max(len, v + 1);
        var w = new double[len];
        var baseTotal = 0.0;
        foreach (var b in baseWeights) baseTotal += b;
        var extraTotal = 0.0;
        foreach (var (_, ew) in extra) extraTotal += ew;
        for (var i = 0; i < baseWeights.Length; i++) w[i] = (1 - share) * baseWeights[i] / baseTotal;
        foreach (var (v, ew) in extra) w[v] += share * ew / extraTotal;
        return w;
    }
}
