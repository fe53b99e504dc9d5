namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>status</c> section: the line-based JSON status socket.</summary>
public sealed record StatusConfig
{
    /// <summary>The default TCP port.</summary>
    public const int DefaultPort = 7771;

    /// <summary>Whether the status socket is opened.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Address to listen on: an IP literal or <c>localhost</c>. Loopback unless <see cref="AllowRemote"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 lets the OS choose (the chosen port is logged).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Must be set to listen on a non-loopback address: the socket exposes run state to anyone who can
    /// reach it, so exposing it is a deliberate choice, not a typo in <see cref="Host"/>.
    /// </summary>
    public bool AllowRemote { get; init; }
}
