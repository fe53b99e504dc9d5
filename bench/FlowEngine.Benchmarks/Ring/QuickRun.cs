using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// A few-second sanity check without BenchmarkDotNet: runs the 1P→1C suite's own methods (same code, same
/// event count) for a few rounds each, and prints events/s, bytes allocated per event and the ring/Channels
/// ratio. Good for "did I break it?"; the BenchmarkDotNet suites are what numbers are quoted from.
/// </summary>
internal static class QuickRun
{
    private const int Rounds = 3;

    public static int Run()
    {
        var n = BenchSetup.EventCount;
        Console.WriteLine($"FlowEngine ring quick check: 1 producer -> 1 consumer, {n:N0} x 64-byte events per round, best of {Rounds}, capacity {BenchSetup.Capacity:N0}");
        Console.WriteLine($"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores");
        Console.WriteLine();

        var suite = new OneToOneBenchmarks();

        suite.SetupRing();
        var batch = Measure(suite.Ring_BatchPublish);
        var single = Measure(suite.Ring_SinglePublish);
        suite.CleanupRing();

        suite.SetupRingStruct();
        var singleStruct = Measure(suite.Ring_SinglePublish_StructHandler);
        suite.CleanupRing();

        suite.SetupChannel();
        var channel = Measure(() => suite.Channel_BoundedSpsc().GetAwaiter().GetResult());
        suite.CleanupChannel();

        Print("ring, batch publish (64/claim)", batch);
        Print("ring, single publish", single);
        Print("ring, single publish, struct handler", singleStruct);
        Print("Channels bounded SPSC", channel);
        Console.WriteLine();
        Console.WriteLine($"ratio ring batch / Channels:  {Ratio(batch, channel)}x   (issue target: >= 30x)");
        Console.WriteLine($"ratio ring single / Channels: {Ratio(single, channel)}x");

        // Disruptor-net's published figures use an 8-byte event; show that shape too, clearly labelled.
        var small = SmallEventRun.Run(n, Rounds);
        Console.WriteLine();
        Console.WriteLine("8-byte events (Disruptor-net's PerfValueEvent shape), same counts:");
        Console.WriteLine($"{"  ring, batch publish (64/claim)",-40} {small.RingBatch / 1e6,9:0.0} M events/s");
        Console.WriteLine($"{"  ring, single publish",-40} {small.RingSingle / 1e6,9:0.0} M events/s");
        Console.WriteLine($"{"  Channels bounded SPSC",-40} {small.Channel / 1e6,9:0.0} M events/s");
        Console.WriteLine($"  ratios: batch {(small.RingBatch / small.Channel).ToString("0.0", CultureInfo.InvariantCulture)}x, single {(small.RingSingle / small.Channel).ToString("0.0", CultureInfo.InvariantCulture)}x");
        return 0;
    }

    private readonly record struct Result(double EventsPerSecond, double BytesPerEvent);

    private static Result Measure(Action round)
    {
        round(); // warm-up: JIT tiers, caches, thread start-up
        var best = 0.0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var r = 0; r < Rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            round();
            sw.Stop();
            best = Math.Max(best, BenchSetup.EventCount / sw.Elapsed.TotalSeconds);
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Result(best, (double)allocated / ((long)BenchSetup.EventCount * Rounds));
    }

    private static void Print(string name, Result r) =>
        Console.WriteLine($"{name,-40} {r.EventsPerSecond / 1e6,9:0.0} M events/s   {r.BytesPerEvent,6:0.00} B/event");

    private static string Ratio(Result ring, Result channel) =>
        (ring.EventsPerSecond / channel.EventsPerSecond).ToString("0.0", CultureInfo.InvariantCulture);
}
