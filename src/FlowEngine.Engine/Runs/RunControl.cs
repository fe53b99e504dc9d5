namespace FlowEngine.Engine.Runs;

/// <summary>
/// The one switch that stops a run cleanly, flipped from anywhere (a signal handler, the status socket's
/// <c>stop</c>, a parity difference) and polled by the source between publishes. Stopping the source is all
/// it takes: the run then drains the ring, closes the journals and writes the report.
/// </summary>
public sealed class RunControl
{
    private readonly CancellationTokenSource _stopped = new();
    private string? _reason;
    private bool _forced;

    /// <summary>True once a stop was requested.</summary>
    public bool StopRequested => Volatile.Read(ref _reason) is not null;

    /// <summary>Why the run was asked to stop (the first reason given), or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Cancelled when a stop is requested, for code that waits (pacing sleeps, the monitor).</summary>
    public CancellationToken Token => _stopped.Token;

    /// <summary>
    /// True once the process is being forced out (a second stop signal): the drain may be incomplete, so the run
    /// must not fold its session into the configured baseline.
    /// </summary>
    public bool Forced => Volatile.Read(ref _forced);

    /// <summary>Marks the run as forced out (called just before the process exits); see <see cref="Forced"/>.</summary>
    public void MarkForced() => Volatile.Write(ref _forced, true);

    /// <summary>Asks the run to stop; returns true for the first request. Safe from any thread, never blocks.</summary>
    public bool RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
            return false;
        try
        {
            _stopped.Cancel();
        }
        catch (AggregateException)
        {
            // A registered callback failed; the stop itself is recorded and the source still sees it.
        }
        return true;
    }
}
