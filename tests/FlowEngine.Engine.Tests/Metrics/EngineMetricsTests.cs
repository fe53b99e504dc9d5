using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Tests.Metrics;

public sealed class EngineMetricsTests
{
    [Fact]
    public void Named_counters_register_once_and_sum()
    {
        var c = new NamedCounters(4);
        var a = c.Register("unknown_order");
        var b = c.Register("gap");
        Assert.Equal(a, c.Register("unknown_order"));
        c.Increment(a);
        c.Increment(a);
        c.Add(b, 5);
        Assert.Equal(2, c.Read(a));
        Assert.Equal(7, c.Total);
        Assert.Equal([new("unknown_order", 2L), new("gap", 5L)], c.ToList());
    }

    [Fact]
    public void Named_counters_refuse_more_than_their_capacity()
    {
        var c = new NamedCounters(1);
        c.Register("a");
        var ex = Assert.Throws<InvalidOperationException>(() => c.Register("b"));
        Assert.Contains("more than 1 counters", ex.Message);
    }

    [Fact]
    public void Gauge_tracks_last_max_and_mean()
    {
        var g = new Gauge();
        Assert.Equal(0, g.Mean);
        g.Sample(4);
        g.Sample(10);
        g.Sample(1);
        Assert.Equal(1, g.Last);
        Assert.Equal(10, g.Max);
        Assert.Equal(5, g.Mean);
        Assert.Equal(3, g.Count);
    }

    [Fact]
    public void Handler_stats_count_events_latency_and_lag()
    {
        var m = new EngineMetrics(1024);
        var h = m.AddHandler("book");
        h.RecordBatchStart(3);
        h.RecordEvent(0, 100);
        h.RecordEvent(1, 200);
        h.RecordEvent(2);
        Assert.Equal(3, h.EventsHandled);
        Assert.Equal(2, h.LastSequence);
        Assert.Equal(2, h.Latency.TotalCount);
        Assert.Equal(3, h.Lag.Max);
        Assert.Same(h, Assert.Single(m.Handlers));
    }

    [Fact]
    public void Warm_up_starts_measurement_and_events_are_counted_from_there()
    {
        var m = new EngineMetrics(1024, warmupEvents: 10, warmupTime: TimeSpan.Zero);
        Assert.False(m.MarkWarmIfDue()); // not started
        m.MarkStarted();
        m.Counters.AddEventsIn(9);
        Assert.False(m.MarkWarmIfDue());
        Assert.Equal(0, m.MeasuredEvents);
        m.Counters.IncrementEventsIn();
        Assert.True(m.MarkWarmIfDue());
        m.Counters.AddEventsIn(90);
        m.Counters.IncrementTimerTicks();
        Assert.Equal(90, m.MeasuredEvents);
        m.MarkStopped();
        var elapsed = m.Elapsed;
        Thread.Sleep(20);
        Assert.Equal(elapsed, m.Elapsed); // frozen at stop
        Assert.True(m.IsStopped);
        Assert.Equal(1, m.Counters.TimerTicks);
        Assert.True(m.AverageEventsPerSecond() > 0);
    }

    [Fact]
    public void Warm_up_also_waits_for_the_minimum_time()
    {
        var m = new EngineMetrics(1024, warmupEvents: 1, warmupTime: TimeSpan.FromMilliseconds(200));
        m.MarkStarted();
        m.Counters.AddEventsIn(1_000_000);
        Assert.False(m.MarkWarmIfDue());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!m.MarkWarmIfDue() && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.True(m.IsWarm);
        Assert.True(m.Elapsed >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Thread_meter_measures_only_after_warm_and_only_its_thread()
    {
        var m = new EngineMetrics(1024, warmupEvents: 1);
        var meter = m.AddThread("worker");
        long allocatedInWindow = 0;
        var thread = new Thread(() =>
        {
            meter.Tick(); // not warm: does not start
            _ = new byte[10_000];
            m.MarkStarted();
            m.MarkWarm();
            meter.Tick(); // starts here
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(new byte[50_000]);
            allocatedInWindow = GC.GetAllocatedBytesForCurrentThread() - before;
            meter.Tick();
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        _ = new byte[100_000]; // the test thread's own allocations are not the meter's
        Assert.True(meter.IsStarted);
        Assert.InRange(meter.AllocatedBytes, 50_000, allocatedInWindow + 1024);
        Assert.Equal(meter.AllocatedBytes, m.HotThreadAllocatedBytes);
    }

    [Fact]
    public void Gc_snapshot_difference_counts_allocation()
    {
        var before = GcSnapshot.Capture(precise: true);
        GC.KeepAlive(new byte[1 << 20]);
        var delta = GcSnapshot.Capture(precise: true).Since(before);
        Assert.True(delta.AllocatedBytes >= 1 << 20);
        Assert.True(delta.Gen0 >= 0 && delta.Gen1 >= 0 && delta.Gen2 >= 0);
    }
}
