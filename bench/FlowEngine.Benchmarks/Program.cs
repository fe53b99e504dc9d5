using BenchmarkDotNet.Running;

namespace FlowEngine.Benchmarks;

/// <summary>Runs the benchmark suites; pass BenchmarkDotNet's --filter to pick one.</summary>
public static class Program
{
    /// <summary>Entry point: BenchmarkSwitcher lists or runs the suites in this assembly.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
