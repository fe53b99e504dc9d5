using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): a small, fast generator whose output depends only on its
/// seed. We own it so a simulated session never changes when the .NET runtime changes System.Random.
/// Seeded through SplitMix64 so that nearby seeds (1, 2, 3 ...) give unrelated streams.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole stream is a function of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextU64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Next 32 random bits (the high half, which is the better half of xoshiro output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextU32() => (uint)(NextU64() >> 32);

    /// <summary>Uniform integer in [0, n) by multiply-shift (Lemire); the bias is below 2^-32 · n, irrelevant here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int n) => (int)(((ulong)NextU32() * (uint)n) >> 32);

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInclusive(int lo, int hi) => lo + NextBelow(hi - lo + 1);

    /// <summary>Uniform double in (0, 1]: never 0, so its logarithm is always finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextU64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>True with probability 1/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBool() => (long)NextU64() < 0;

    /// <summary>
    /// Exponential variate with the given mean, in whole nanoseconds and at least 1 so that event time
    /// strictly advances. Table-based (<see cref="ExponentialTable"/>): the same on every platform, and fast.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NextExponentialNs(double meanNs)
    {
        var v = ExponentialTable.Sample(NextU64()) * meanNs;
        return v < 1.0 ? 1 : (long)v;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
