using System.Globalization;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// How fast a source publishes: <c>max</c> (as fast as the pipeline takes events, for benchmarks and
/// catch-up replays) or a multiple of event time (<c>1x</c> behaves like a live feed, <c>10x</c> ten times faster).
/// </summary>
public readonly record struct SourceSpeed
{
    /// <summary>Smallest accepted multiplier; slower than this is indistinguishable from stalled.</summary>
    public const double MinMultiplier = 0.01;

    /// <summary>Largest accepted multiplier; beyond it pacing is pointless, use <c>max</c>.</summary>
    public const double MaxMultiplier = 100_000;

    private SourceSpeed(bool isMax, double multiplier)
    {
        IsMax = isMax;
        Multiplier = multiplier;
    }

    /// <summary>Publish flat out, ignoring event time.</summary>
    public static SourceSpeed Max { get; } = new(true, 0);

    /// <summary>Real time: one second of event time per second of wall time.</summary>
    public static SourceSpeed RealTime { get; } = new(false, 1);

    /// <summary>True for <c>max</c>: no pacing.</summary>
    public bool IsMax { get; }

    /// <summary>Event-time seconds per wall second when paced; 0 when <see cref="IsMax"/>.</summary>
    public double Multiplier { get; }

    /// <summary>A paced speed; throws when <paramref name="multiplier"/> is outside the accepted range.</summary>
    public static SourceSpeed Times(double multiplier)
    {
        if (!(multiplier >= MinMultiplier && multiplier <= MaxMultiplier))
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, $"speed multiplier must be between {MinMultiplier} and {MaxMultiplier}");
        return new SourceSpeed(false, multiplier);
    }

    /// <summary>Parses <c>max</c> or <c>Nx</c> (N a positive decimal, e.g. <c>1x</c>, <c>0.5x</c>, <c>10x</c>).</summary>
    public static bool TryParse(string? text, out SourceSpeed speed)
    {
        speed = default;
        if (text is null)
            return false;
        var t = text.Trim();
        if (t.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            speed = Max;
            return true;
        }
        if (t.Length < 2 || (t[^1] != 'x' && t[^1] != 'X'))
            return false;
        if (!double.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
            return false;
        if (!(m >= MinMultiplier && m <= MaxMultiplier))
            return false;
        speed = new SourceSpeed(false, m);
        return true;
    }

    /// <summary>The text form accepted by <see cref="TryParse"/>: <c>max</c> or e.g. <c>10x</c>.</summary>
    public override string ToString() =>
        IsMax ? "max" : Multiplier.ToString("0.###", CultureInfo.InvariantCulture) + "x";
}
