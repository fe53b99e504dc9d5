namespace FlowEngine.Engine.Status;

/// <summary>
/// The small per-second picture of a running engine that <c>status</c> and <c>subscribe</c> send (the full
/// picture is the <see cref="Reporting.RunReport"/> sent by <c>metrics</c>).
/// </summary>
public sealed record StatusSnapshot
{
    /// <summary><c>starting</c>, <c>running</c>, <c>stopping</c> or <c>stopped</c>.</summary>
    public required string State { get; init; }

    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Profile name.</summary>
    public required string Profile { get; init; }

    /// <summary>Source description.</summary>
    public required string Source { get; init; }

    /// <summary>Seconds since the run started.</summary>
    public double UptimeSeconds { get; init; }

    /// <summary>Market events published so far.</summary>
    public long EventsIn { get; init; }

    /// <summary>Events per second over about the last second.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Events per second since the start.</summary>
    public double EventsPerSecondAverage { get; init; }

    /// <summary>Timer ticks published so far.</summary>
    public long TimerTicks { get; init; }

    /// <summary>Ring slots.</summary>
    public int RingSize { get; init; }

    /// <summary>Latest sampled ring occupancy.</summary>
    public long RingOccupancy { get; init; }

    /// <summary>Largest lag of any handler at its latest batch start.</summary>
    public long MaxHandlerLag { get; init; }

    /// <summary>Anomalies so far.</summary>
    public long AnomaliesTotal { get; init; }

    /// <summary>Outputs so far.</summary>
    public long OutputsTotal { get; init; }

    /// <summary>Highest input sequence the journal has handed to the kernel (survives a process crash); -1 when none.</summary>
    public long WrittenSequence { get; init; } = -1;

    /// <summary>Highest input sequence the journal has fsynced (survives a power loss); -1 when none or under durability none.</summary>
    public long DurableSequence { get; init; } = -1;

    /// <summary>Per-handler progress.</summary>
    public IReadOnlyList<HandlerStatus> Handlers { get; init; } = [];
}
