using System.Globalization;

namespace FlowEngine.Flow.Baselines;

/// <summary>
/// Rolling baselines per instrument, window length, measure and time-of-day bucket over the last N sessions.
/// During a session, samples go into each key's current session and scoring compares against the history of
/// the sessions before it only, so a session's own activity never moves its own yardstick and a replay
/// scores identically. <see cref="EndSession"/> folds the session in. Persisted with <see cref="BaselineSnapshot"/>.
/// </summary>
public sealed class BaselineStore
{
    private readonly Dictionary<BaselineKey, BaselineSeries> _series = [];
    private readonly List<BaselineSeries> _touched = [];

    /// <summary>Most keys <see cref="Expect"/> sizes the table for up front (about 40 MB of table).</summary>
    public const int MaxExpectedKeys = 1 << 20;

    /// <summary>Creates an empty store.</summary>
    public BaselineStore(BaselineOptions? options = null)
    {
        Options = options ?? new BaselineOptions();
        Options.Validate();
        Reserve = new SeriesReserve(Options);
    }

    /// <summary>
    /// Blank series built on a cold thread for new keys to use, so that a new time-of-day bucket allocates
    /// nothing on the thread that records. Empty unless something calls <see cref="SeriesReserve.Refill"/>.
    /// </summary>
    public SeriesReserve Reserve { get; }

    /// <summary>History depth, bucket length and readiness rules.</summary>
    public BaselineOptions Options { get; }

    /// <summary>Sessions ended since the store was created (including those restored from a snapshot).</summary>
    public long SessionsEnded { get; internal set; }

    /// <summary>Number of keys with a history or a current session.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Records one sample for the current session. Allocates only the first time a key is seen.</summary>
    public void Record(uint instrumentId, long windowNs, BaselineMeasure measure, long windowStartNs, double value)
    {
        var key = new BaselineKey(instrumentId, windowNs, measure, Options.BucketOf(windowStartNs));
        var series = GetOrAdd(key);
        if (series.Current.Count == 0)
            _touched.Add(series);
        series.Current.Add(value);
    }

    /// <summary>
    /// Creates, if missing, the series every measure of (<paramref name="instrumentId"/>, <paramref name="windowNs"/>)
    /// needs for a window starting at <paramref name="windowStartNs"/>, so that <see cref="Record"/> finds them and
    /// allocates nothing. An empty series is invisible: it evaluates as warming up and is not saved.
    /// </summary>
    public void Prepare(uint instrumentId, long windowNs, long windowStartNs)
    {
        var bucket = Options.BucketOf(windowStartNs);
        foreach (var measure in BaselineMeasures.All)
            GetOrAdd(new BaselineKey(instrumentId, windowNs, measure, bucket));
        _touched.EnsureCapacity(_series.Count); // every series may be touched in one session
    }

    /// <summary>
    /// Sizes the key table for a day's keys of <paramref name="instruments"/> instruments at
    /// <paramref name="windowLengths"/> window lengths (at most <see cref="MaxExpectedKeys"/>), and asks the
    /// reserve to keep two buckets' new keys ready. The recorder calls it when the instrument count changes, so
    /// the table grows when instruments appear (at the start of a session, as a rule), never when a bucket begins.
    /// </summary>
    public void Expect(int instruments, int windowLengths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instruments);
        ArgumentOutOfRangeException.ThrowIfNegative(windowLengths);
        var perBucket = (long)instruments * windowLengths * BaselineMeasures.All.Length;
        var perDay = (int)Math.Min(perBucket * (1440 / Options.BucketMinutes), MaxExpectedKeys);
        var capacity = _series.EnsureCapacity(0);
        if (perDay > capacity)
            _series.EnsureCapacity(Math.Max(perDay, Math.Min(capacity * 2, MaxExpectedKeys)));
        if (perDay > _touched.Capacity)
            _touched.Capacity = Math.Max(perDay, Math.Min(_touched.Capacity * 2, MaxExpectedKeys));
        Reserve.Target = (int)Math.Min(perBucket * 2, int.MaxValue);
    }

    /// <summary>Compares <paramref name="value"/> with the history of its key; warming up when the key has too little.</summary>
    public BaselineStats Evaluate(uint instrumentId, long windowNs, BaselineMeasure measure, long windowStartNs, double value, double zCap)
    {
        var key = new BaselineKey(instrumentId, windowNs, measure, Options.BucketOf(windowStartNs));
        return _series.TryGetValue(key, out var series)
            ? series.Evaluate(value, zCap)
            : BaselineStats.WarmingUp(value, 0, 0);
    }

    /// <summary>The series of <paramref name="key"/>, if any.</summary>
    public BaselineSeries? Find(BaselineKey key) => _series.GetValueOrDefault(key);

    /// <summary>Every series, sorted by key (deterministic order for files and reports).</summary>
    public IReadOnlyList<BaselineSeries> SortedSeries()
    {
        var list = new List<BaselineSeries>(_series.Values);
        list.Sort((a, b) => a.Key.CompareTo(b.Key));
        return list;
    }

    /// <summary>Ends the session: every key that received samples adds them to its history. Returns the keys updated.</summary>
    public int EndSession()
    {
        var updated = 0;
        foreach (var series in _touched)
        {
            if (series.EndSession())
                updated++;
        }
        _touched.Clear();
        SessionsEnded++;
        return updated;
    }

    /// <summary>Drops samples recorded since the last <see cref="EndSession"/> (an aborted session).</summary>
    public void DiscardSession()
    {
        foreach (var series in _touched)
            series.Current.Clear();
        _touched.Clear();
    }

    internal BaselineSeries GetOrAdd(BaselineKey key)
    {
        if (!_series.TryGetValue(key, out var series))
        {
            if (Reserve.TryTake(out series))
                series.Claim(key);
            else
                series = new BaselineSeries(key, Options);
            _series.Add(key, series);
        }
        return series;
    }

    /// <summary>One line per series for humans: key, sessions, samples, median, MAD, mean, std.</summary>
    public void Describe(TextWriter output)
    {
        foreach (var s in SortedSeries())
        {
            if (s.SessionCount == 0)
                continue;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"instrument {s.Key.InstrumentId} window {s.Key.WindowNs / 1_000_000_000.0:0.###}s {BaselineMeasures.Name(s.Key.Measure)} bucket {s.Key.Bucket}: sessions {s.SessionCount} samples {s.SampleCount} median {s.Median:0.##} mad {s.Mad:0.##} mean {s.Mean:0.##} std {s.StdDev:0.##}{(s.IsReady ? "" : " (warming up)")}"));
        }
    }
}
