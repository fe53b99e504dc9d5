using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Status;

/// <summary>
/// What the engine gives the status socket. Called on the server's own threads (never a pipeline thread),
/// concurrently with the run, so implementations read snapshots and must return quickly without blocking
/// on the pipeline.
/// </summary>
public interface IStatusProvider
{
    /// <summary>The current status (for <c>status</c> and each <c>subscribe</c> line).</summary>
    StatusSnapshot GetStatus();

    /// <summary>The full report as of now (for <c>metrics</c>).</summary>
    RunReport GetMetrics();

    /// <summary>
    /// Asks the engine to stop cleanly (same path as SIGINT). Only called after the token was checked.
    /// Must return at once: the shutdown itself happens elsewhere.
    /// </summary>
    void RequestStop(string reason);
}
