using System.Net;
using FlowEngine.Engine.Status;

namespace FlowEngine.Engine.Runs;

/// <summary>Where a started run lives: its directory and, when the status socket is on, its address.</summary>
/// <param name="Layout">The run directory.</param>
/// <param name="StatusEndPoint">The status socket's address (with the port actually bound), or null when it is off.</param>
/// <param name="Source">The source's description.</param>
public sealed record RunStarted(RunLayout Layout, IPEndPoint? StatusEndPoint, string Source)
{
    /// <summary>The run's status and metrics snapshots (the same the status socket serves, whether or not it is on), for in-process watchers such as the dashboard.</summary>
    public IStatusProvider? Status { get; init; }
}
