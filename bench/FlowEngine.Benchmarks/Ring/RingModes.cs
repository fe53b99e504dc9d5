namespace FlowEngine.Benchmarks.Ring;

/// <summary>The ring's non-BenchmarkDotNet modes: <c>quick</c> (1P→1C sanity check) and <c>latency</c> (paced percentiles).</summary>
public static class RingModes
{
    /// <summary>Runs a ring mode when the first argument names one; false when the arguments are for BenchmarkDotNet.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        if (args.Length == 0)
            return false;
        switch (args[0])
        {
            case "quick":
                exitCode = QuickRun.Run();
                return true;
            case "latency":
                exitCode = LatencyRunner.Run(args[1..]);
                return true;
            default:
                return false;
        }
    }
}
