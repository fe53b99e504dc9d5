using System.Text;

namespace FlowEngine.Journal;

/// <summary>
/// A stable 64-bit hash (FNV-1a) of a configuration's canonical text for <see cref="JournalOptions.ConfigHash"/>.
/// Stable across processes and platforms, unlike <see cref="string.GetHashCode()"/>, which is randomized.
/// </summary>
public static class JournalConfigHash
{
    /// <summary>Hashes bytes.</summary>
    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="canonicalText"/>.</summary>
    public static ulong Compute(string canonicalText) => Compute(Encoding.UTF8.GetBytes(canonicalText));
}
