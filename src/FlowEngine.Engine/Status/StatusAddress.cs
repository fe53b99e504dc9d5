using System.Net;

namespace FlowEngine.Engine.Status;

/// <summary>
/// Parses the status socket's host setting. Only IP literals and <c>localhost</c> are accepted: resolving
/// names through DNS at start-up could silently bind somewhere unintended.
/// </summary>
public static class StatusAddress
{
    /// <summary>Parses <paramref name="host"/>; <c>localhost</c> means 127.0.0.1.</summary>
    public static bool TryParse(string? host, out IPAddress address)
    {
        var h = host?.Trim() ?? "";
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        if (IPAddress.TryParse(h.Trim('[', ']'), out var parsed))
        {
            address = parsed;
            return true;
        }
        address = IPAddress.None;
        return false;
    }
}
