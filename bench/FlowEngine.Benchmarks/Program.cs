using BenchmarkDotNet.Running;
using FlowEngine.Benchmarks.Ring;

namespace FlowEngine.Benchmarks;

/// <summary>
/// Runs the benchmark suites; pass BenchmarkDotNet's --filter to pick one. <c>quick</c> and <c>latency</c>
/// run the ring's own non-BenchmarkDotNet modes (see bench/README.md).
/// </summary>
public static class Program
{
    /// <summary>Entry point: a ring mode, or BenchmarkSwitcher over the suites in this assembly.</summary>
    public static int Main(string[] args)
    {
        if (RingModes.TryRun(args, out var exitCode) || EndToEnd.EndToEndModes.TryRun(args, out exitCode))
            return exitCode;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
