using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Status;

/// <summary>One parsed reply line, as a client sees it.</summary>
public sealed record StatusReply
{
    /// <summary><c>status</c>, <c>metrics</c>, <c>subscribed</c>, <c>stopping</c>; null for an error.</summary>
    public string? Type { get; init; }

    /// <summary>The server's error message, null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The status, for <c>status</c> lines.</summary>
    public StatusSnapshot? Status { get; init; }

    /// <summary>The report, for <c>metrics</c> lines.</summary>
    public RunReport? Metrics { get; init; }

    /// <summary>The line as received.</summary>
    public required string Raw { get; init; }
}
