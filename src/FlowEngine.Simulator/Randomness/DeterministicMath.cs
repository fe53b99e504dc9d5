using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Randomness;

/// <summary>
/// Logarithm, exponential and the normal distribution built from +, −, ×, ÷ only. Math.Log and Math.Exp
/// call the platform's C library, whose last bit may differ between operating systems; a simulated
/// session must not, because its labels and events are compared across machines. IEEE basic operations
/// are exactly rounded everywhere, so these functions give the same bits on every platform.
/// Accuracy is about 1e-14 relative, far more than a market model needs.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Ln2 = 0.69314718055994530942;
    private const double InvLn2 = 1.44269504088896338700;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Natural logarithm of a positive, normal, finite <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }
        // ln(m) = 2·atanh(f) with f = (m−1)/(m+1), |f| < 0.172: the odd series converges fast.
        var f = (m - 1.0) / (m + 1.0);
        var f2 = f * f;
        var s = f2 * (1.0 / 3 + f2 * (1.0 / 5 + f2 * (1.0 / 7 + f2 * (1.0 / 9 + f2 * (1.0 / 11
                + f2 * (1.0 / 13 + f2 * (1.0 / 15 + f2 * (1.0 / 17 + f2 * (1.0 / 19)))))))));
        return e * Ln2 + 2.0 * f * (1.0 + s);
    }

    /// <summary>e^x; 0 below −700 and +∞ above 700.</summary>
    public static double Exp(double x)
    {
        if (x < -700) return 0.0;
        if (x > 700) return double.PositiveInfinity;
        var k = Math.Round(x * InvLn2);
        var r = x - k * Ln2Hi - k * Ln2Lo;
        // |r| ≤ 0.35: a degree-13 Taylor polynomial is accurate to ~1e-17.
        var p = 1.0 + r * (1.0 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800
                + r * (1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800)))))))))))));
        return p * BitConverter.Int64BitsToDouble((long)((int)k + 1023) << 52);
    }

    /// <summary>Standard normal density φ(x).</summary>
    public static double NormalPdf(double x) => InvSqrt2Pi * Exp(-0.5 * x * x);

    /// <summary>Standard normal distribution Φ(x) (Abramowitz and Stegun 26.2.17, error below 7.5e-8).</summary>
    public static double NormalCdf(double x)
    {
        var ax = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.2316419 * ax);
        var poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        var upper = NormalPdf(ax) * poly;
        return x >= 0 ? 1.0 - upper : upper;
    }
}
