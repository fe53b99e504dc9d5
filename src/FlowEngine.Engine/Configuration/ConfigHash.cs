using System.Security.Cryptography;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// SHA-256 of the canonical JSON of the effective configuration, secrets excluded. Written into the journal
/// header so a replay can tell whether it runs under the same configuration as the recording.
/// </summary>
public static class ConfigHash
{
    /// <summary>The 32-byte hash.</summary>
    public static byte[] ComputeBytes(EngineConfig config) => SHA256.HashData(ConfigJson.ToCanonicalJson(config));

    /// <summary>The hash as 64 lower-case hex digits.</summary>
    public static string Compute(EngineConfig config) => Convert.ToHexStringLower(ComputeBytes(config));
}
