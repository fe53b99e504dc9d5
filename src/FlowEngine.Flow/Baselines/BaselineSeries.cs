namespace FlowEngine.Flow.Baselines;

/// <summary>
/// The history of one key: the last N sessions' samples and, rebuilt when a session ends, the pooled sorted
/// kept values with median and MAD, and the mean and standard deviation over every sample. Comparing a value
/// is two binary searches: no allocation, cheap enough for every window close.
/// </summary>
/// <remarks>
/// Robust z = (x − median)/(1.4826·MAD). When MAD is 0 (more than half the history is one value, e.g. zero)
/// the scale falls back to 1.2533 × the mean absolute deviation from the median, then to the standard
/// deviation; when the history has no spread at all, a value above it scores +cap, below it −cap, equal 0.
/// </remarks>
public sealed class BaselineSeries
{
    private readonly BaselineOptions _options;
    private readonly SessionSamples[] _sessions;
    private int _first;
    private int _count;
    private double[] _pooled = [];
    private int _pooledCount;

    /// <summary>Creates an empty history for <paramref name="key"/>.</summary>
    public BaselineSeries(BaselineKey key, BaselineOptions options)
        : this(options)
    {
        Key = key;
    }

    /// <summary>A blank built ahead of need by <see cref="SeriesReserve"/>; its key is set by <see cref="Claim"/>.</summary>
    internal BaselineSeries(BaselineOptions options)
    {
        _options = options;
        _sessions = new SessionSamples[options.SessionsKept];
        Current = new SessionSamples(options.MaxSamplesPerSession);
    }

    /// <summary>The key.</summary>
    public BaselineKey Key { get; private set; }

    /// <summary>Gives a blank from the reserve its key, as the store adopts it.</summary>
    internal void Claim(BaselineKey key) => Key = key;

    /// <summary>The session being recorded; it joins the history at <see cref="EndSession"/>.</summary>
    public SessionSamples Current { get; private set; }

    /// <summary>Sessions in the history (at most <see cref="BaselineOptions.SessionsKept"/>).</summary>
    public int SessionCount => _count;

    /// <summary>Samples behind mean and standard deviation.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Mean of all history samples (0 when empty).</summary>
    public double Mean { get; private set; }

    /// <summary>Sample standard deviation of all history samples (0 with fewer than two).</summary>
    public double StdDev { get; private set; }

    /// <summary>Median of the kept samples.</summary>
    public double Median { get; private set; }

    /// <summary>Median absolute deviation of the kept samples from their median.</summary>
    public double Mad { get; private set; }

    /// <summary>Scale used by the robust z (see remarks); 0 when the history has no spread.</summary>
    public double RobustScale { get; private set; }

    /// <summary>The pooled kept samples, ascending.</summary>
    public ReadOnlySpan<double> Pooled => _pooled.AsSpan(0, _pooledCount);

    /// <summary>The history's sessions, oldest first.</summary>
    public SessionSamples Session(int index)
    {
        if ((uint)index >= (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the series holds {_count} sessions");
        return _sessions[(_first + index) % _sessions.Length];
    }

    /// <summary>True when the history is deep enough to score with.</summary>
    public bool IsReady => _count >= _options.MinSessions && SampleCount >= _options.MinSamples && _pooledCount > 0;

    /// <summary>
    /// Moves the current session into the history (dropping the oldest beyond N) when it has samples, and
    /// rebuilds the pooled statistics. Returns true when the history changed.
    /// </summary>
    public bool EndSession()
    {
        if (Current.Count == 0)
            return false;
        var finished = Current;
        SessionSamples recycled;
        if (_count == _sessions.Length)
        {
            recycled = _sessions[_first];
            _sessions[_first] = finished;
            _first = (_first + 1) % _sessions.Length;
        }
        else
        {
            _sessions[(_first + _count) % _sessions.Length] = finished;
            _count++;
            recycled = new SessionSamples(_options.MaxSamplesPerSession);
        }
        recycled.Clear();
        Current = recycled;
        Rebuild();
        return true;
    }

    /// <summary>Appends a restored session to the history (snapshot loading); call <see cref="Rebuild"/> after the last.</summary>
    internal void AppendRestored(SessionSamples session)
    {
        if (_count == _sessions.Length)
            throw new InvalidDataException($"more than {_sessions.Length} sessions for one series");
        _sessions[(_first + _count) % _sessions.Length] = session;
        _count++;
    }

    /// <summary>Recomputes pooled samples and statistics from the sessions in the history.</summary>
    internal void Rebuild()
    {
        long n = 0;
        double sum = 0, sumSquares = 0;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = Session(i);
            n += s.Count;
            sum += s.Sum;
            sumSquares += s.SumSquares;
            kept += s.KeptCount;
        }
        if (_pooled.Length < kept)
            _pooled = new double[kept];
        var at = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = Session(i);
            s.Kept.CopyTo(_pooled.AsSpan(at));
            at += s.KeptCount;
        }
        _pooledCount = kept;
        Array.Sort(_pooled, 0, kept);

        SampleCount = n;
        Mean = n == 0 ? 0 : sum / n;
        var variance = n < 2 ? 0 : (sumSquares - sum * sum / n) / (n - 1);
        StdDev = variance > 0 ? Math.Sqrt(variance) : 0;
        if (kept == 0)
        {
            Median = Mad = RobustScale = 0;
            return;
        }
        var pooled = Pooled;
        Median = MedianOf(pooled);
        // MAD: median of |x − median|, computed without allocating by merging the two sorted halves outwards.
        Mad = MedianAbsoluteDeviation(pooled, Median);
        var scale = 1.4826 * Mad;
        if (scale <= 0)
        {
            var meanAbs = 0.0;
            foreach (var v in pooled)
                meanAbs += Math.Abs(v - Median);
            scale = 1.2533 * meanAbs / kept;
        }
        if (scale <= 0)
            scale = StdDev;
        RobustScale = scale;
    }

    /// <summary>Compares <paramref name="value"/> with the history; <paramref name="zCap"/> bounds both z-scores.</summary>
    public BaselineStats Evaluate(double value, double zCap)
    {
        if (!IsReady)
            return BaselineStats.WarmingUp(value, _count, SampleCount);
        var pooled = Pooled;
        var below = LowerBound(pooled, value);
        var equalOrBelow = UpperBound(pooled, value);
        var percentile = 100.0 * (below + 0.5 * (equalOrBelow - below)) / pooled.Length;
        return new BaselineStats
        {
            Status = BaselineStatus.Ready,
            Value = value,
            Sessions = _count,
            Samples = SampleCount,
            Mean = Mean,
            StdDev = StdDev,
            Median = Median,
            Mad = Mad,
            Z = ZScore(value - Mean, StdDev, zCap),
            RobustZ = ZScore(value - Median, RobustScale, zCap),
            Percentile = percentile,
        };
    }

    private static double ZScore(double deviation, double scale, double cap)
    {
        double z;
        if (scale > 0)
            z = deviation / scale;
        else
            z = deviation > 0 ? cap : deviation < 0 ? -cap : 0;
        return z > cap ? cap : z < -cap ? -cap : z;
    }

    internal static double MedianOf(ReadOnlySpan<double> sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    internal static double MedianAbsoluteDeviation(ReadOnlySpan<double> sorted, double median)
    {
        // |x − m| over a sorted array is two sorted runs (left of m descending in x, right ascending); merge them
        // and stop at the middle element(s).
        var n = sorted.Length;
        var right = LowerBound(sorted, median);
        var left = right - 1;
        var target = (n - 1) / 2;
        double previous = 0, current = 0;
        for (var k = 0; k <= n / 2; k++)
        {
            double next;
            if (left < 0)
                next = sorted[right++] - median;
            else if (right >= n)
                next = median - sorted[left--];
            else if (median - sorted[left] <= sorted[right] - median)
                next = median - sorted[left--];
            else
                next = sorted[right++] - median;
            previous = current;
            current = next;
            if (k == target && n % 2 == 1)
                return current;
        }
        return (previous + current) / 2;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
