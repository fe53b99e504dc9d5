using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Randomness;

/// <summary>
/// Standard exponential variates −ln(U) from one 64-bit random number r without calling a logarithm per draw:
/// U = r / 2^64 = 2^−(k+1)·(1 + m) with k the leading zeros of r, so −ln U = (k+1)·ln 2 − ln(1 + m), and ln(1 + m) comes from a
/// 1024-entry table with linear interpolation (error below 1.2e-7 absolute). The table is built once with
/// <see cref="DeterministicMath.Log"/>, so draws are identical on every platform. Inter-arrival times are drawn
/// for every event, so this is on the hottest path of the generator.
/// </summary>
internal static class ExponentialTable
{
    private const int Bits = 10;
    private const double Ln2 = 0.69314718055994530942;
    private static readonly double[] Log1p = Build();

    /// <summary>−ln(U) for U = r / 2^64 (r = 0 counts as 1), in [0, 44.4].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sample(ulong r)
    {
        var k = BitOperations.LeadingZeroCount(r | 1);
        // Bits after the leading one, left-aligned. For r ≤ 1 (k = 63) the shift count wraps to 0 and the
        // mantissa reads as about 0: harmless at probability 2^-63.
        var mantissa = r << (k + 1);
        var j = (int)(mantissa >> (64 - Bits));
        var frac = (long)((mantissa << Bits) >> 11) * (1.0 / (1UL << 53)); // via long: a signed convert is one instruction
        var table = Log1p;
        var lo = table[j];
        return (k + 1) * Ln2 - (lo + (table[j + 1] - lo) * frac);
    }

    private static double[] Build()
    {
        var t = new double[(1 << Bits) + 1];
        t[0] = 0;
        for (var j = 1; j <= 1 << Bits; j++) t[j] = DeterministicMath.Log(1.0 + (double)j / (1 << Bits));
        return t;
    }
}
