using FlowEngine.Engine.Configuration;

namespace FlowEngine.Engine.Status;

/// <summary>How the status server listens and how much it lets each client cost.</summary>
public sealed record StatusServerOptions
{
    /// <summary>Address to listen on: an IP literal or <c>localhost</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 lets the OS pick one (read it back from <see cref="StatusServer.Port"/>).</summary>
    public int Port { get; init; } = StatusConfig.DefaultPort;

    /// <summary>Allows a non-loopback <see cref="Host"/>; without it such a host is refused.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Connections served at once; more are answered with an error and closed.</summary>
    public int MaxClients { get; init; } = 16;

    /// <summary>Longest request line accepted; a longer one gets an error and the connection is closed.</summary>
    public int MaxRequestBytes { get; init; } = 4096;

    /// <summary>Reply lines queued per client; when full, further lines for that client are dropped and counted.</summary>
    public int SendQueueCapacity { get; init; } = 64;

    /// <summary>Interval between <c>subscribe</c> status lines.</summary>
    public TimeSpan SubscribeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A client whose socket accepts no data for this long is disconnected as dead or stuck.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Kernel send buffer per client: bounds the memory a client that does not read can pin.</summary>
    public int SocketSendBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Options from the <c>status</c> configuration section.</summary>
    public static StatusServerOptions FromConfig(StatusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new StatusServerOptions { Host = config.Host, Port = config.Port, AllowRemote = config.AllowRemote };
    }
}
