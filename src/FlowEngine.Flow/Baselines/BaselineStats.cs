namespace FlowEngine.Flow.Baselines;

/// <summary>
/// A value compared with its history: mean and standard deviation (all samples), median and MAD (kept
/// samples), the classic and robust z-scores and the percentile rank. When <see cref="Status"/> is
/// <see cref="BaselineStatus.WarmingUp"/> every figure is 0: there is nothing honest to say yet.
/// </summary>
public readonly record struct BaselineStats
{
    /// <summary>Ready, or warming up (figures are 0).</summary>
    public BaselineStatus Status { get; init; }
    /// <summary>The value compared.</summary>
    public double Value { get; init; }
    /// <summary>Sessions behind the figures.</summary>
    public int Sessions { get; init; }
    /// <summary>Samples behind mean and standard deviation.</summary>
    public long Samples { get; init; }
    /// <summary>Mean of the history.</summary>
    public double Mean { get; init; }
    /// <summary>Sample standard deviation of the history.</summary>
    public double StdDev { get; init; }
    /// <summary>Median of the kept samples.</summary>
    public double Median { get; init; }
    /// <summary>Median absolute deviation from the median (unscaled).</summary>
    public double Mad { get; init; }
    /// <summary>(value − mean)/std; capped at ± the scorer's z cap when the history has no spread.</summary>
    public double Z { get; init; }
    /// <summary>(value − median)/(1.4826·MAD), with fallbacks when MAD is 0 (see <see cref="BaselineSeries"/>).</summary>
    public double RobustZ { get; init; }
    /// <summary>Percentage of history strictly below the value plus half of that equal to it, in [0, 100].</summary>
    public double Percentile { get; init; }

    /// <summary>True when the figures are backed by enough history.</summary>
    public bool IsReady => Status == BaselineStatus.Ready;

    /// <summary>The answer for a key without enough history.</summary>
    public static BaselineStats WarmingUp(double value, int sessions, long samples) => new()
    {
        Status = BaselineStatus.WarmingUp,
        Value = value,
        Sessions = sessions,
        Samples = samples,
    };
}
