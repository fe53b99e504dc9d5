namespace FlowEngine.Engine.Status;

/// <summary>What the status server has done so far: how many clients, refusals and dropped lines.</summary>
public readonly record struct StatusServerStats
{
    /// <summary>Connections accepted.</summary>
    public long ClientsAccepted { get; init; }

    /// <summary>Connections refused because <see cref="StatusServerOptions.MaxClients"/> were connected.</summary>
    public long ClientsRejected { get; init; }

    /// <summary>Connections open now.</summary>
    public long ClientsActive { get; init; }

    /// <summary>Request lines received.</summary>
    public long Requests { get; init; }

    /// <summary>Error lines sent (malformed, unknown, oversize, refused).</summary>
    public long Errors { get; init; }

    /// <summary>Stop requests refused for a missing or wrong token.</summary>
    public long TokensRejected { get; init; }

    /// <summary>Stop requests accepted.</summary>
    public long StopsAccepted { get; init; }

    /// <summary>Reply lines dropped because a client's send queue was full.</summary>
    public long LinesDropped { get; init; }

    /// <summary>Clients disconnected because their socket took no data for <see cref="StatusServerOptions.WriteTimeout"/>.</summary>
    public long SlowClientsDisconnected { get; init; }
}
