using System.Diagnostics;
using System.Threading.Channels;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// The same 1P→1C comparison with an 8-byte event, the shape of Disruptor-net's PerfValueEvent (one long),
/// which is what its published ~150 M events/s figures use. Quoted beside the 64-byte results so the two
/// event sizes are not confused: eight 8-byte events share a cache line, one MboEvent fills one.
/// </summary>
internal static class SmallEventRun
{
    private struct ValueEvent
    {
        public long Value;
    }

    private sealed class SumHandler : IValueEventHandler<ValueEvent>
    {
        public long Sum;
        public void OnEvent(ref ValueEvent data, long sequence, bool endOfBatch) => Sum += data.Value;
    }

    public static (double RingBatch, double RingSingle, double Channel) Run(int events, int rounds)
    {
        using var pipeline = new RingPipeline<ValueEvent>(BenchSetup.Capacity, threadNamePrefix: "quick");
        var done = pipeline.HandleEventsWith(new SumHandler()).Processors[0].Sequence;
        var ring = pipeline.Start();
        long target = -1;

        double Best(Action round)
        {
            round();
            var best = 0.0;
            for (var r = 0; r < rounds; r++)
            {
                var sw = Stopwatch.StartNew();
                round();
                best = Math.Max(best, events / sw.Elapsed.TotalSeconds);
            }
            return best;
        }

        var batch = Best(() =>
        {
            for (var i = 0; i < events; i += BenchSetup.PublishBatch)
            {
                var hi = ring.Next(BenchSetup.PublishBatch);
                for (var s = hi - BenchSetup.PublishBatch + 1; s <= hi; s++)
                    ring[s].Value = s;
                ring.Publish(hi - BenchSetup.PublishBatch + 1, hi);
            }
            target += events;
            BenchSetup.AwaitSequence(done, target);
        });
        var single = Best(() =>
        {
            for (var i = 0; i < events; i++)
            {
                var s = ring.Next();
                ring[s].Value = s;
                ring.Publish(s);
            }
            target += events;
            BenchSetup.AwaitSequence(done, target);
        });
        pipeline.Halt(TimeSpan.FromSeconds(30));

        var channel = Channel.CreateBounded<ValueEvent>(new BoundedChannelOptions(BenchSetup.Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        long consumed = 0, sum = 0;
        var consumer = Task.Run(async () =>
        {
            while (await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var e))
                {
                    sum += e.Value;
                    Volatile.Write(ref consumed, consumed + 1);
                }
            }
        });
        var channelRate = Best(() =>
        {
            var start = Volatile.Read(ref consumed);
            for (long i = 0; i < events; i++)
            {
                var e = new ValueEvent { Value = i };
                if (!channel.Writer.TryWrite(e))
                    channel.Writer.WriteAsync(e).AsTask().GetAwaiter().GetResult();
            }
            BenchSetup.AwaitCount(ref consumed, start + events);
        });
        channel.Writer.Complete();
        consumer.Wait(TimeSpan.FromSeconds(30));
        GC.KeepAlive(sum);
        return (batch, single, channelRate);
    }
}
