namespace FlowEngine.Engine.Reporting;

/// <summary>
/// The report of a run, at its end or on demand while it runs: plain data, written as snake_case JSON by
/// <see cref="RunReportJson"/> and as a table by <see cref="RunReportTable"/>.
/// </summary>
public sealed record RunReport
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Run directory, null when none.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Profile name.</summary>
    public required string Profile { get; init; }

    /// <summary>SHA-256 of the effective configuration.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>Source description.</summary>
    public required string Source { get; init; }

    /// <summary><c>running</c> for an on-demand report, <c>stopped</c> at the end.</summary>
    public required string State { get; init; }

    /// <summary>Wall-clock start.</summary>
    public DateTimeOffset? StartedUtc { get; init; }

    /// <summary>Wall-clock end, null while running.</summary>
    public DateTimeOffset? EndedUtc { get; init; }

    /// <summary>Seconds from start to end (or to now).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Market events published into the ring.</summary>
    public long EventsIn { get; init; }

    /// <summary><see cref="EventsIn"/> over <see cref="ElapsedSeconds"/>: the whole run, warm-up included.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Events per second after warm-up (the steady state); 0 when the run never warmed.</summary>
    public double SteadyEventsPerSecond { get; init; }

    /// <summary>Timer ticks published.</summary>
    public long TimerTicks { get; init; }

    /// <summary>Events before measuring started.</summary>
    public long WarmupEvents { get; init; }

    /// <summary>Whether the run got past warm-up.</summary>
    public bool WarmedUp { get; init; }

    /// <summary>Events published after warm-up: the denominator of <see cref="AllocatedBytesPerEvent"/>.</summary>
    public long MeasuredEvents { get; init; }

    /// <summary>
    /// What <see cref="AllocatedBytes"/> counts: <c>hot_threads</c> (the source and handler threads, measured
    /// per thread; the figure that must be 0) or <c>process</c> when no hot thread was registered.
    /// </summary>
    public required string AllocationScope { get; init; }

    /// <summary>Bytes allocated after warm-up, in <see cref="AllocationScope"/>.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary><see cref="AllocatedBytes"/> per measured event; null when nothing was measured (the run never warmed).</summary>
    public double? AllocatedBytesPerEvent { get; init; }

    /// <summary>GC activity.</summary>
    public required GcReport Gc { get; init; }

    /// <summary>Ring occupancy.</summary>
    public required RingReport Ring { get; init; }

    /// <summary>Handlers in pipeline order.</summary>
    public required IReadOnlyList<HandlerReport> Handlers { get; init; }

    /// <summary>Hot threads' allocation.</summary>
    public required IReadOnlyList<ThreadReport> Threads { get; init; }

    /// <summary>Sum of <see cref="Anomalies"/>.</summary>
    public long AnomaliesTotal { get; init; }

    /// <summary>Data anomalies by kind.</summary>
    public required IReadOnlyDictionary<string, long> Anomalies { get; init; }

    /// <summary>Sum of <see cref="Outputs"/>.</summary>
    public long OutputsTotal { get; init; }

    /// <summary>Outputs by kind.</summary>
    public required IReadOnlyDictionary<string, long> Outputs { get; init; }

    /// <summary>The books at the end of the run, by instrument id; empty while running and for runs without a book stage.</summary>
    public IReadOnlyList<BookReport> Books { get; init; } = [];
}
