using FlowEngine.Flow.Pressure;

namespace FlowEngine.Flow.Baselines;

/// <summary>Names and values of the baseline measures, in one place for the recorder, the scorer and the snapshot file.</summary>
public static class BaselineMeasures
{
    /// <summary>Every measure, in enum order.</summary>
    public static ReadOnlySpan<BaselineMeasure> All => [BaselineMeasure.Imbalance, BaselineMeasure.Absorbed, BaselineMeasure.MaxAggressor, BaselineMeasure.Volume];

    /// <summary>The measure's value for a closed window.</summary>
    public static double ValueOf(BaselineMeasure measure, in WindowStats w) => measure switch
    {
        BaselineMeasure.Imbalance => Math.Abs(w.Imbalance),
        BaselineMeasure.Absorbed => Math.Max(w.AbsorbedBid, w.AbsorbedAsk),
        BaselineMeasure.MaxAggressor => w.MaxAggressorSize,
        BaselineMeasure.Volume => w.Volume,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown baseline measure"),
    };

    /// <summary>The name used in snapshot files and renderings.</summary>
    public static string Name(BaselineMeasure measure) => measure switch
    {
        BaselineMeasure.Imbalance => "imbalance",
        BaselineMeasure.Absorbed => "absorbed",
        BaselineMeasure.MaxAggressor => "max_aggressor",
        BaselineMeasure.Volume => "volume",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown baseline measure"),
    };

    /// <summary>The measure named <paramref name="name"/>; false when the name is unknown.</summary>
    public static bool TryParse(string name, out BaselineMeasure measure)
    {
        foreach (var m in All)
        {
            if (string.Equals(Name(m), name, StringComparison.Ordinal))
            {
                measure = m;
                return true;
            }
        }
        measure = default;
        return false;
    }
}
