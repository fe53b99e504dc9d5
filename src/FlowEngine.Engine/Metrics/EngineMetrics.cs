using System.Diagnostics;

namespace FlowEngine.Engine.Metrics;

/// <summary>
/// Everything a run measures, in one place: counters, per-handler stats, ring occupancy, per-thread
/// allocation and GC, plus the run's start/warm/stop moments. The hot path writes the pieces it owns; the
/// cold side (status socket, report) reads from any thread.
/// </summary>
/// <remarks>
/// Lifecycle (cold side): construct, <see cref="AddHandler"/>/<see cref="AddThread"/> while composing the
/// pipeline, <see cref="MarkStarted"/> when the source starts, <see cref="MarkWarm"/> (or poll
/// <see cref="MarkWarmIfDue"/>) once <see cref="WarmupEvents"/> events went through and <see cref="WarmupTime"/>
/// passed (JIT tiering and pool fills are over, so allocation after it is the steady state), <see cref="MarkStopped"/> after the ring drained.
/// <para>Process-wide allocation is read with the imprecise counter throughout: the precise one suspends every
/// managed thread, pipeline included, and would turn a status request into a pipeline stall. The imprecise
/// figure may be off by one allocation context (~8 KiB) per thread; the exact, per-event figure comes from the
/// per-thread <see cref="ThreadAllocationMeter"/>s.</para>
/// </remarks>
public sealed class EngineMetrics
{
    /// <summary>Default warm-up: events before allocation and steady-state rate are measured.</summary>
    public const long DefaultWarmupEvents = 100_000;

    /// <summary>
    /// Default minimum warm-up time. Tiered compilation promotes methods on a timer (call counting starts
    /// after ~100 ms) and on-stack replacement of a hot loop allocates once on the thread that runs it, so a
    /// warm-up counted only in events ends too early at millions of events per second.
    /// </summary>
    public static readonly TimeSpan DefaultWarmupTime = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private HandlerStats[] _handlers = [];
    private ThreadAllocationMeter[] _threads = [];
    private long _startTimestamp;
    private long _warmTimestamp;
    private long _stopTimestamp;
    private int _warm;
    private long _eventsAtWarm;
    private GcSnapshot _gcAtStart;
    private GcSnapshot _gcAtWarm;
    private GcSnapshot _gcAtStop;
    private long _rateTimestamp;
    private long _rateEvents;
    private double _recentRate = double.NaN;

    /// <summary>
    /// Creates the metrics of a run over a ring of <paramref name="ringSize"/> slots. The run counts as warm
    /// (see <see cref="MarkWarmIfDue"/>) after <paramref name="warmupEvents"/> events and at least
    /// <paramref name="warmupTime"/> (default <see cref="DefaultWarmupTime"/>) since start.
    /// </summary>
    public EngineMetrics(int ringSize, long warmupEvents = DefaultWarmupEvents, TimeSpan? warmupTime = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ringSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupEvents);
        var time = warmupTime ?? DefaultWarmupTime;
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        RingSize = ringSize;
        WarmupEvents = warmupEvents;
        WarmupTime = time;
    }

    /// <summary>Slots in the ring (the upper bound of occupancy).</summary>
    public int RingSize { get; }

    /// <summary>Events after which the run counts as warm.</summary>
    public long WarmupEvents { get; }

    /// <summary>Time since start after which the run counts as warm.</summary>
    public TimeSpan WarmupTime { get; }

    /// <summary>Run-wide counters.</summary>
    public EngineCounters Counters { get; } = new();

    /// <summary>How far the input journal has written and fsynced, sampled on the cold side.</summary>
    public JournalProgress Journal { get; } = new();

    /// <summary>Ring occupancy (published minus slowest consumer), sampled by whoever owns the sampling.</summary>
    public Gauge RingOccupancy { get; } = new();

    /// <summary>Per-handler stats in pipeline order.</summary>
    public IReadOnlyList<HandlerStats> Handlers => Volatile.Read(ref _handlers);

    /// <summary>Per-thread allocation meters of the hot threads.</summary>
    public IReadOnlyList<ThreadAllocationMeter> Threads => Volatile.Read(ref _threads);

    /// <summary>Registers a handler (cold side, while composing the pipeline).</summary>
    public HandlerStats AddHandler(string name)
    {
        var stats = new HandlerStats(name);
        lock (_lock)
            Volatile.Write(ref _handlers, [.. _handlers, stats]);
        return stats;
    }

    /// <summary>Registers a hot thread whose allocations are measured (cold side, while composing the pipeline).</summary>
    public ThreadAllocationMeter AddThread(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var meter = new ThreadAllocationMeter(name, this);
        lock (_lock)
            Volatile.Write(ref _threads, [.. _threads, meter]);
        return meter;
    }

    /// <summary>Wall-clock start of the run (cold-side information only), null before <see cref="MarkStarted"/>.</summary>
    public DateTimeOffset? StartedUtc { get; private set; }

    /// <summary>Wall-clock end of the run, null while running.</summary>
    public DateTimeOffset? EndedUtc { get; private set; }

    /// <summary>True after <see cref="MarkStarted"/>.</summary>
    public bool IsStarted => Volatile.Read(ref _startTimestamp) != 0;

    /// <summary>True after <see cref="MarkWarm"/>.</summary>
    public bool IsWarm => Volatile.Read(ref _warm) != 0;

    /// <summary>True after <see cref="MarkStopped"/>.</summary>
    public bool IsStopped => Volatile.Read(ref _stopTimestamp) != 0;

    /// <summary>Marks the start of the run: the clock for events/s and the GC baseline.</summary>
    public void MarkStarted()
    {
        lock (_lock)
        {
            if (IsStarted)
                return;
            _gcAtStart = GcSnapshot.Capture(precise: false);
            StartedUtc = DateTimeOffset.UtcNow;
            Volatile.Write(ref _startTimestamp, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Marks the end of warm-up; idempotent. Allocation and the steady-state rate are measured from here.</summary>
    public void MarkWarm()
    {
        lock (_lock)
        {
            if (IsWarm)
                return;
            if (!IsStarted)
                MarkStarted();
            _gcAtWarm = GcSnapshot.Capture(precise: false);
            _eventsAtWarm = Counters.EventsIn;
            _warmTimestamp = Stopwatch.GetTimestamp();
            Volatile.Write(ref _warm, 1);
        }
    }

    /// <summary>
    /// Calls <see cref="MarkWarm"/> once <see cref="WarmupEvents"/> events are in and <see cref="WarmupTime"/>
    /// has passed; returns <see cref="IsWarm"/>. For a cold-side poller (e.g. once per status tick or every few ms).
    /// </summary>
    public bool MarkWarmIfDue()
    {
        if (!IsWarm && IsStarted && Counters.EventsIn >= WarmupEvents && Elapsed >= WarmupTime)
            MarkWarm();
        return IsWarm;
    }

    /// <summary>Marks the end of the run (after the ring drained); idempotent.</summary>
    public void MarkStopped()
    {
        lock (_lock)
        {
            if (IsStopped)
                return;
            if (!IsStarted)
                MarkStarted();
            _gcAtStop = GcSnapshot.Capture(precise: false);
            EndedUtc = DateTimeOffset.UtcNow;
            Volatile.Write(ref _stopTimestamp, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Time from start to stop (or to now while running).</summary>
    public TimeSpan Elapsed => Between(Volatile.Read(ref _startTimestamp));

    /// <summary>Time from warm to stop (or to now), zero before warm.</summary>
    public TimeSpan MeasuredElapsed
    {
        get
        {
            lock (_lock)
                return IsWarm ? Between(_warmTimestamp) : TimeSpan.Zero;
        }
    }

    /// <summary>Events published since warm (0 before warm).</summary>
    public long MeasuredEvents
    {
        get
        {
            lock (_lock)
                return IsWarm ? Counters.EventsIn - _eventsAtWarm : 0;
        }
    }

    /// <summary>GC activity since warm-up (since start when the run never warmed), up to stop or now.</summary>
    public GcSnapshot GcSinceWarm()
    {
        lock (_lock)
        {
            var end = IsStopped ? _gcAtStop : GcSnapshot.Capture(precise: false);
            return end.Since(IsWarm ? _gcAtWarm : _gcAtStart);
        }
    }

    /// <summary>Bytes allocated by the registered hot threads since they started measuring.</summary>
    public long HotThreadAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var t in Threads)
                total += t.AllocatedBytes;
            return total;
        }
    }

    /// <summary>
    /// Events per second over the last second or so. Cold side: the first call, and calls less than a second
    /// apart, return the previous figure (the run average before there is one).
    /// </summary>
    public double RecentEventsPerSecond()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            var events = Counters.EventsIn;
            if (_rateTimestamp != 0)
            {
                var seconds = Stopwatch.GetElapsedTime(_rateTimestamp, now).TotalSeconds;
                if (seconds < 1.0)
                    return double.IsNaN(_recentRate) ? AverageEventsPerSecond() : _recentRate;
                _recentRate = (events - _rateEvents) / seconds;
            }
            _rateTimestamp = now;
            _rateEvents = events;
            return double.IsNaN(_recentRate) ? AverageEventsPerSecond() : _recentRate;
        }
    }

    /// <summary>Events per second from start to stop (or now); 0 before start.</summary>
    public double AverageEventsPerSecond()
    {
        var seconds = Elapsed.TotalSeconds;
        return seconds <= 0 ? 0 : Counters.EventsIn / seconds;
    }

    private TimeSpan Between(long from)
    {
        if (from == 0)
            return TimeSpan.Zero;
        var stop = Volatile.Read(ref _stopTimestamp);
        return Stopwatch.GetElapsedTime(from, stop != 0 ? stop : Stopwatch.GetTimestamp());
    }
}
