using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Reporting;

/// <summary>Reads an <see cref="EngineMetrics"/> into a <see cref="RunReport"/>; cold side, any thread, any time.</summary>
public static class RunReportBuilder
{
    /// <summary>Builds the report as of now (final once <see cref="EngineMetrics.MarkStopped"/> was called and the threads ended).</summary>
    public static RunReport Build(EngineMetrics metrics, RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(info);

        var snapshot = new LatencySnapshot();
        var handlers = new List<HandlerReport>();
        foreach (var h in metrics.Handlers)
        {
            h.Latency.CopyTo(snapshot);
            handlers.Add(new HandlerReport
            {
                Name = h.Name,
                Events = h.EventsHandled,
                LastSequence = h.LastSequence,
                LagLast = h.Lag.Last,
                LagMax = h.Lag.Max,
                LatencyNs = LatencyReport.From(snapshot.Summarize()),
            });
        }

        var threads = new List<ThreadReport>();
        foreach (var t in metrics.Threads)
            threads.Add(new ThreadReport { Name = t.Name, Measuring = t.IsStarted, AllocatedBytes = t.AllocatedBytes });

        var gc = metrics.GcSinceWarm();
        var hot = threads.Count > 0;
        var allocated = hot ? metrics.HotThreadAllocatedBytes : gc.AllocatedBytes;
        var measuredEvents = metrics.MeasuredEvents;
        var measuredSeconds = metrics.MeasuredElapsed.TotalSeconds;
        var elapsed = metrics.Elapsed.TotalSeconds;
        var counters = metrics.Counters;

        return new RunReport
        {
            RunId = info.RunId,
            RunDirectory = info.RunDirectory,
            Profile = info.Profile,
            ConfigHash = info.ConfigHash,
            Source = info.Source,
            State = metrics.IsStopped ? "stopped" : "running",
            StartedUtc = metrics.StartedUtc,
            EndedUtc = metrics.EndedUtc,
            ElapsedSeconds = Math.Round(elapsed, 6),
            EventsIn = counters.EventsIn,
            EventsPerSecond = Math.Round(metrics.AverageEventsPerSecond(), 1),
            SteadyEventsPerSecond = measuredSeconds > 0 ? Math.Round(measuredEvents / measuredSeconds, 1) : 0,
            TimerTicks = counters.TimerTicks,
            WarmupEvents = metrics.WarmupEvents,
            WarmedUp = metrics.IsWarm,
            MeasuredEvents = measuredEvents,
            AllocationScope = hot ? "hot_threads" : "process",
            AllocatedBytes = allocated,
            AllocatedBytesPerEvent = metrics.IsWarm && measuredEvents > 0 ? Math.Round((double)allocated / measuredEvents, 6) : null,
            Gc = new GcReport
            {
                Gen0Collections = gc.Gen0,
                Gen1Collections = gc.Gen1,
                Gen2Collections = gc.Gen2,
                ProcessAllocatedBytes = gc.AllocatedBytes,
            },
            Ring = new RingReport
            {
                Size = metrics.RingSize,
                OccupancyLast = metrics.RingOccupancy.Last,
                OccupancyMax = metrics.RingOccupancy.Max,
                OccupancyMean = Math.Round(metrics.RingOccupancy.Mean, 2),
                Samples = metrics.RingOccupancy.Count,
            },
            Handlers = handlers,
            Threads = threads,
            AnomaliesTotal = counters.Anomalies.Total,
            Anomalies = ToDictionary(counters.Anomalies),
            OutputsTotal = counters.Outputs.Total,
            Outputs = ToDictionary(counters.Outputs),
        };
    }

    private static Dictionary<string, long> ToDictionary(NamedCounters counters)
    {
        // Dictionary preserves insertion order when nothing is removed: registration order, stable output.
        var result = new Dictionary<string, long>(counters.Count, StringComparer.Ordinal);
        foreach (var (name, value) in counters.ToList())
            result[name] = value;
        return result;
    }
}
