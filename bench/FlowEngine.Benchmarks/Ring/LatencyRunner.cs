using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using FlowEngine.Engine.Metrics;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// Paced latency: the producer publishes at a fixed rate (1 M events/s by default) rather than flat out, stamps
/// each event just before publishing, and the consumer records now − stamp. BenchmarkDotNet measures means,
/// not distributions, so this runner prints its own percentile table.
/// </summary>
internal static class LatencyRunner
{
    private sealed class Recorder : IValueEventHandler<MboEvent>
    {
        public readonly LatencyHistogram Histogram = new();
        public long Warmup;

        public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch)
        {
            var now = Stopwatch.GetTimestamp();
            if (sequence >= Warmup)
                Histogram.Record(now - data.TsRecv);
        }
    }

    public static int Run(string[] args)
    {
        var rate = BenchArgs.Integer(args, "--rate", 1_000_000);
        var events = BenchArgs.Integer(args, "--events", 2_000_000);
        var warmup = Math.Max(events / 10, 100_000);

        Console.WriteLine($"FlowEngine paced latency: {rate:N0} events/s, {events:N0} measured events after {warmup:N0} warm-up, 64-byte events, capacity {BenchSetup.Capacity:N0}");
        Console.WriteLine($"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, Stopwatch {Stopwatch.Frequency:N0} Hz");
        Console.WriteLine();
        Console.WriteLine($"{"contender",-34} {"rate M/s",9} {"p50 µs",8} {"p99 µs",8} {"p99.9 µs",9} {"max µs",9}");

        Print("ring, spin-then-block (default)", RunRing(new SpinThenBlockWaitStrategy(), rate, events, warmup));
        Print("ring, yielding", RunRing(new YieldingWaitStrategy(), rate, events, warmup));
        Print("ring, blocking", RunRing(new BlockingWaitStrategy(), rate, events, warmup));
        Print("Channels bounded SPSC (async)", RunChannel(rate, events, warmup));
        return 0;
    }

    private readonly record struct Outcome(LatencyHistogram Histogram, double AchievedRate);

    private static Outcome RunRing(IWaitStrategy strategy, int rate, int events, int warmup)
    {
        using var pipeline = new RingPipeline<MboEvent>(BenchSetup.Capacity, strategy, threadNamePrefix: "latency");
        var recorder = new Recorder { Warmup = warmup };
        var done = pipeline.HandleEventsWith(recorder).Processors[0].Sequence;
        var ring = pipeline.Start();
        var total = warmup + events;
        var achieved = Pace(rate, total, i =>
        {
            var s = ring.Next();
            ref var e = ref ring[s];
            BenchSetup.Fill(ref e, i);
            e.TsRecv = Stopwatch.GetTimestamp();
            ring.Publish(s);
        });
        BenchSetup.AwaitSequence(done, total - 1);
        pipeline.Halt(TimeSpan.FromSeconds(30));
        return new Outcome(recorder.Histogram, achieved);
    }

    private static Outcome RunChannel(int rate, int events, int warmup)
    {
        var channel = Channel.CreateBounded<MboEvent>(new BoundedChannelOptions(BenchSetup.Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var histogram = new LatencyHistogram();
        long consumed = 0;
        var consumer = Task.Run(async () =>
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (consumed >= warmup)
                        histogram.Record(now - e.TsRecv);
                    Volatile.Write(ref consumed, consumed + 1);
                }
            }
        });
        var writer = channel.Writer;
        var total = warmup + events;
        var evt = default(MboEvent);
        var achieved = Pace(rate, total, i =>
        {
            BenchSetup.Fill(ref evt, i);
            evt.TsRecv = Stopwatch.GetTimestamp();
            while (!writer.TryWrite(evt))
                Thread.Yield();
        });
        BenchSetup.AwaitCount(ref consumed, total);
        writer.Complete();
        consumer.Wait(TimeSpan.FromSeconds(30));
        return new Outcome(histogram, achieved);
    }

    /// <summary>
    /// Calls <paramref name="publish"/> <paramref name="total"/> times at <paramref name="rate"/> per second,
    /// spinning between calls; returns the rate actually achieved (below target = the producer was starved).
    /// </summary>
    private static double Pace(int rate, int total, Action<long> publish)
    {
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
                Thread.SpinWait(1);
            publish(i);
        }
        return total / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static void Print(string name, Outcome outcome)
    {
        var h = outcome.Histogram;
        var rate = (outcome.AchievedRate / 1e6).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-34} {rate,9} {Us(h.ValueAtPercentile(50)),8} {Us(h.ValueAtPercentile(99)),8} {Us(h.ValueAtPercentile(99.9)),9} {Us(h.Max),9}");
    }

    private static string Us(long ticks) =>
        (ticks * 1_000_000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
}
