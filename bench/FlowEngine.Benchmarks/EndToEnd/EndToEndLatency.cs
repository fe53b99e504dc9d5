using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>
/// Paced end-to-end latency: <c>flowengine run</c>'s own pipeline and report, fed pre-generated simulator events
/// re-stamped exactly 1/rate apart and paced at 1x, so the source publishes at the target rate. Prints the run
/// report's publish→handled percentiles per stage (after warm-up, 1 event in 16 sampled); the last stage,
/// <c>outputs</c>, is publish → last handler. BenchmarkDotNet reports means, not percentiles, hence a runner.
/// Run: dotnet run -c Release --project bench/FlowEngine.Benchmarks -- e2e-latency [--rate 1000000] [--events 6000000]
///      [--layout fused|per-handler|single] [--wait spin-then-block|yielding|busy-spin|blocking|sleeping] [--pin] [--no-journal] [--compression lz4|none] [--no-ifd]
/// </summary>
internal static class EndToEndLatency
{
    public static int Run(string[] args)
    {
        var rate = BenchArgs.Integer(args, "--rate", 1_000_000);
        var events = BenchArgs.Integer(args, "--events", 6_000_000);
        var layout = BenchArgs.Text(args, "--layout", "fused");
        var wait = BenchArgs.Text(args, "--wait", "spin-then-block");
        var pin = BenchArgs.Flag(args, "--pin");
        var journal = !BenchArgs.Flag(args, "--no-journal");
        var ifd = !BenchArgs.Flag(args, "--no-ifd");
        var compression = BenchArgs.Text(args, "--compression", "lz4");
        var warmup = Math.Max(events / 6, 200_000);
        var root = Path.Combine(Path.GetTempPath(), "fe-bench-latency-" + Guid.NewGuid().ToString("N")[..8]);

        Console.WriteLine($"FlowEngine end-to-end paced latency: {rate:N0} events/s target, {events:N0} simulator events ({warmup:N0} warm-up), layout {layout}, wait {wait}, pinned {(pin ? "yes" : "no")}, journal {(journal ? compression + " durability none" : "off")}, ifd {(ifd ? "on" : "off")}");
        Console.WriteLine($"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, Stopwatch {Stopwatch.Frequency:N0} Hz");
        var reader = MemoryReader.Simulated(events, 1_000_000_000L / rate);
        var config = ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            Overrides =
            [
                new ConfigOverride { Key = "journal.root", Value = root, Origin = "bench" },
                new ConfigOverride { Key = "journal.durability", Value = "none", Origin = "bench" },
                new ConfigOverride { Key = "journal.compression", Value = compression, Origin = "bench" },
                new ConfigOverride { Key = "source.speed", Value = "1x", Origin = "bench" },
                new ConfigOverride { Key = "ring.threadLayout", Value = layout, Origin = "bench" },
                new ConfigOverride { Key = "ring.waitStrategy", Value = wait, Origin = "bench" },
                new ConfigOverride { Key = "ring.pinThreads", Value = pin ? "true" : "false", Origin = "bench" },
                new ConfigOverride { Key = "journal.enabled", Value = journal ? "true" : "false", Origin = "bench" },
                new ConfigOverride { Key = "ifd.enabled", Value = ifd ? "true" : "false", Origin = "bench" },
                new ConfigOverride { Key = "status.enabled", Value = "false", Origin = "bench" },
                new ConfigOverride { Key = "logging.console", Value = "false", Origin = "bench" },
            ],
        });
        try
        {
            var result = EngineRun.Execute(new EngineRunOptions { Config = config, Reader = reader, RunId = "latency", WarmupEvents = warmup });
            var r = result.Report;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"achieved {r.SteadyEventsPerSecond / 1e6:0.000} M events/s after warm-up ({r.MeasuredEvents:N0} events), hot-thread allocation {r.AllocatedBytes:N0} B, gen0 {r.Gc.Gen0Collections}"));
            Console.WriteLine();
            Console.WriteLine($"{"stage",-10} {"samples",10} {"p50 ns",9} {"p90 ns",9} {"p99 ns",9} {"p99.9 ns",10} {"max ns",11}");
            foreach (var h in r.Handlers)
            {
                var l = h.LatencyNs;
                Console.WriteLine($"{h.Name,-10} {l.Count,10:N0} {l.P50,9:N0} {l.P90,9:N0} {l.P99,9:N0} {l.P999,10:N0} {l.Max,11:N0}");
            }
            return result.Succeeded ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
