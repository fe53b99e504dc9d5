namespace FlowEngine.Engine.Status;

/// <summary>One handler's progress in a <see cref="StatusSnapshot"/>.</summary>
public sealed record HandlerStatus
{
    /// <summary>Handler name.</summary>
    public required string Name { get; init; }

    /// <summary>Events handled.</summary>
    public long Events { get; init; }

    /// <summary>Events waiting at its latest batch start.</summary>
    public long Lag { get; init; }
}
