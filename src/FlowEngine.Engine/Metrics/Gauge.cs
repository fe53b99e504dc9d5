namespace FlowEngine.Engine.Metrics;

/// <summary>
/// A sampled level (ring occupancy, handler lag): last, max and mean of the samples. One writer thread
/// calls <see cref="Sample"/>; any thread reads.
/// </summary>
public sealed class Gauge
{
    private PaddedLong _last;
    private long _max;
    private long _sum;
    private long _count;

    /// <summary>Records one observation; allocation-free.</summary>
    public void Sample(long value)
    {
        _last.Value = value;
        if (value > _max)
            _max = value;
        _sum += value;
        _count++;
    }

    /// <summary>The latest sample.</summary>
    public long Last => Volatile.Read(ref _last.Value);

    /// <summary>The largest sample.</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Number of samples.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Mean of the samples (approximate while sampling continues), 0 when none.</summary>
    public double Mean
    {
        get
        {
            var count = Volatile.Read(ref _count);
            return count == 0 ? 0 : (double)Volatile.Read(ref _sum) / count;
        }
    }
}
