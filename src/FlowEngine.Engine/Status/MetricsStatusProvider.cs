using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Status;

/// <summary>
/// The standard <see cref="IStatusProvider"/>: reads <see cref="EngineMetrics"/> and forwards stop requests
/// to the engine's shutdown callback.
/// </summary>
public sealed class MetricsStatusProvider : IStatusProvider
{
    private readonly EngineMetrics _metrics;
    private readonly RunInfo _info;
    private readonly Action<string> _onStop;
    private int _stopRequested;

    /// <summary>Creates the provider; <paramref name="onStop"/> receives the reason and must return at once.</summary>
    public MetricsStatusProvider(EngineMetrics metrics, RunInfo info, Action<string> onStop)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _info = info ?? throw new ArgumentNullException(nameof(info));
        _onStop = onStop ?? throw new ArgumentNullException(nameof(onStop));
    }

    /// <summary>True once a stop was requested through this provider.</summary>
    public bool StopRequested => Volatile.Read(ref _stopRequested) != 0;

    /// <inheritdoc />
    public StatusSnapshot GetStatus()
    {
        var handlers = new List<HandlerStatus>();
        long maxLag = 0;
        foreach (var h in _metrics.Handlers)
        {
            var lag = h.Lag.Last;
            maxLag = Math.Max(maxLag, lag);
            handlers.Add(new HandlerStatus { Name = h.Name, Events = h.EventsHandled, Lag = lag });
        }
        var counters = _metrics.Counters;
        return new StatusSnapshot
        {
            State = State(),
            RunId = _info.RunId,
            Profile = _info.Profile,
            Source = _info.Source,
            UptimeSeconds = Math.Round(_metrics.Elapsed.TotalSeconds, 3),
            EventsIn = counters.EventsIn,
            EventsPerSecond = Math.Round(_metrics.RecentEventsPerSecond(), 1),
            EventsPerSecondAverage = Math.Round(_metrics.AverageEventsPerSecond(), 1),
            TimerTicks = counters.TimerTicks,
            RingSize = _metrics.RingSize,
            RingOccupancy = _metrics.RingOccupancy.Last,
            MaxHandlerLag = maxLag,
            AnomaliesTotal = counters.Anomalies.Total,
            OutputsTotal = counters.Outputs.Total,
            WrittenSequence = _metrics.Journal.WrittenSequence,
            DurableSequence = _metrics.Journal.DurableSequence,
            Handlers = handlers,
        };
    }

    /// <inheritdoc />
    public RunReport GetMetrics() => RunReportBuilder.Build(_metrics, _info);

    /// <inheritdoc />
    public void RequestStop(string reason)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
            _onStop(reason);
    }

    private string State() =>
        _metrics.IsStopped ? "stopped"
        : StopRequested ? "stopping"
        : _metrics.IsStarted ? "running"
        : "starting";
}
