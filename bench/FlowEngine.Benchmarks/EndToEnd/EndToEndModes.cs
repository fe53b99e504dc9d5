namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>The end-to-end non-BenchmarkDotNet mode: <c>e2e-latency</c> (paced percentiles through the whole pipeline).</summary>
public static class EndToEndModes
{
    /// <summary>Runs the mode when the first argument names it; false when the arguments are for BenchmarkDotNet.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        if (args.Length == 0 || args[0] != "e2e-latency")
            return false;
        exitCode = EndToEndLatency.Run(args[1..]);
        return true;
    }
}
