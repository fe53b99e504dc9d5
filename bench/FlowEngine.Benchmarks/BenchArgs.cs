using System.Globalization;

namespace FlowEngine.Benchmarks;

/// <summary>The flags of the non-BenchmarkDotNet runners (<c>latency</c>, <c>e2e-latency</c>): one parser for both.</summary>
internal static class BenchArgs
{
    /// <summary>The positive integer after <paramref name="name"/>, or <paramref name="fallback"/> when the flag is absent.</summary>
    public static int Integer(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
            return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new ArgumentException($"{name} needs a positive integer");
        return value;
    }

    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when the flag is absent.</summary>
    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i < 0 ? fallback : i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value");
    }

    /// <summary>True when the switch <paramref name="name"/> is present.</summary>
    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
