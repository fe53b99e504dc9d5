using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// One producer → one consumer, <see cref="BenchSetup.EventCount"/> 64-byte events per invocation, same
/// capacity for every contender. Times are per event (OperationsPerInvoke); Channels is the baseline, so the
/// Ratio column is ring time ÷ Channels time (0.03 = 33× faster).
/// </summary>
[MemoryDiagnoser]
public class OneToOneBenchmarks
{
    private const int N = BenchSetup.EventCount;

    private RingPipeline<MboEvent> _ring = null!;
    private Sequence _ringDone = null!;
    private long _ringTarget;

    private Channel<MboEvent> _channel = null!;
    private Task _channelConsumer = null!;
    private long _channelConsumed;
    private long _channelSum;

    private BlockingCollection<MboEvent> _queue = null!;
    private Thread _queueConsumer = null!;
    private long _queueConsumed;

    /// <summary>Ring with the default wait strategy (spin, yield, then park) and a class handler.</summary>
    [GlobalSetup(Targets = [nameof(Ring_BatchPublish), nameof(Ring_SinglePublish)])]
    public void SetupRing() => StartRing(new SpinThenBlockWaitStrategy(), struct_: false);

    /// <summary>Ring with the default wait strategy and a struct handler (devirtualised, inlined).</summary>
    [GlobalSetup(Target = nameof(Ring_SinglePublish_StructHandler))]
    public void SetupRingStruct() => StartRing(new SpinThenBlockWaitStrategy(), struct_: true);

    /// <summary>Ring with a yielding consumer, the strategy Disruptor-net's headline numbers use.</summary>
    [GlobalSetup(Target = nameof(Ring_SinglePublish_Yielding))]
    public void SetupRingYielding() => StartRing(new YieldingWaitStrategy(), struct_: false);

    private void StartRing(IWaitStrategy strategy, bool struct_)
    {
        _ring = new RingPipeline<MboEvent>(BenchSetup.Capacity, strategy, threadNamePrefix: "bench");
        var group = struct_ ? _ring.HandleEventsWith(new SumStructHandler()) : _ring.HandleEventsWith(new SumHandler());
        _ringDone = group.Processors[0].Sequence;
        _ring.Start();
        _ringTarget = -1;
    }

    /// <summary>Stops the ring's threads.</summary>
    [GlobalCleanup(Targets = [nameof(Ring_BatchPublish), nameof(Ring_SinglePublish), nameof(Ring_SinglePublish_StructHandler), nameof(Ring_SinglePublish_Yielding)])]
    public void CleanupRing() => _ring.Halt(TimeSpan.FromSeconds(30));

    /// <summary>Ring, claiming and publishing <see cref="BenchSetup.PublishBatch"/> slots at a time.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_BatchPublish()
    {
        BenchSetup.PublishBatches(_ring.Ring, N);
        _ringTarget += N;
        BenchSetup.AwaitSequence(_ringDone, _ringTarget);
    }

    /// <summary>Ring, one claim and one publish per event.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_SinglePublish() => PublishSingles();

    /// <summary>Ring, one claim and one publish per event, struct handler.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_SinglePublish_StructHandler() => PublishSingles();

    /// <summary>Ring, one claim and one publish per event, yielding consumer.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_SinglePublish_Yielding() => PublishSingles();

    private void PublishSingles()
    {
        var ring = _ring.Ring;
        for (var i = 0; i < N; i++)
        {
            var s = ring.Next();
            BenchSetup.Fill(ref ring[s], s);
            ring.Publish(s);
        }
        _ringTarget += N;
        BenchSetup.AwaitSequence(_ringDone, _ringTarget);
    }

    /// <summary>Bounded channel, single reader and writer, idiomatic async consumer.</summary>
    [GlobalSetup(Target = nameof(Channel_BoundedSpsc))]
    public void SetupChannel()
    {
        _channel = Channel.CreateBounded<MboEvent>(new BoundedChannelOptions(BenchSetup.Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _channelConsumer = Task.Run(ConsumeChannel);
    }

    private async Task ConsumeChannel()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                _channelSum += e.Price;
                Volatile.Write(ref _channelConsumed, _channelConsumed + 1);
            }
        }
    }

    /// <summary>Completes the channel and waits for its consumer.</summary>
    [GlobalCleanup(Target = nameof(Channel_BoundedSpsc))]
    public void CleanupChannel()
    {
        _channel.Writer.Complete();
        _channelConsumer.Wait(TimeSpan.FromSeconds(30));
    }

    /// <summary>System.Threading.Channels bounded SPSC: TryWrite, falling back to WriteAsync when full.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public async Task Channel_BoundedSpsc()
    {
        var writer = _channel.Writer;
        var e = default(MboEvent);
        var start = Volatile.Read(ref _channelConsumed);
        for (long i = 0; i < N; i++)
        {
            BenchSetup.Fill(ref e, i);
            if (!writer.TryWrite(e))
                await writer.WriteAsync(e).ConfigureAwait(false);
        }
        BenchSetup.AwaitCount(ref _channelConsumed, start + N);
    }

    /// <summary>BlockingCollection over a ConcurrentQueue, bounded, consumer on its own thread.</summary>
    [GlobalSetup(Target = nameof(BlockingCollection_Bounded))]
    public void SetupQueue()
    {
        _queue = new BlockingCollection<MboEvent>(new ConcurrentQueue<MboEvent>(), BenchSetup.Capacity);
        _queueConsumer = new Thread(() =>
        {
            long sum = 0;
            foreach (var e in _queue.GetConsumingEnumerable())
            {
                sum += e.Price;
                Volatile.Write(ref _queueConsumed, _queueConsumed + 1);
            }
            GC.KeepAlive(sum);
        }) { IsBackground = true, Name = "bench:blocking-collection" };
        _queueConsumer.Start();
    }

    /// <summary>Completes the collection and joins its consumer.</summary>
    [GlobalCleanup(Target = nameof(BlockingCollection_Bounded))]
    public void CleanupQueue()
    {
        _queue.CompleteAdding();
        _queueConsumer.Join(TimeSpan.FromSeconds(30));
    }

    /// <summary>BlockingCollection: Add blocks when full, the consumer blocks when empty.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void BlockingCollection_Bounded()
    {
        var e = default(MboEvent);
        var start = Volatile.Read(ref _queueConsumed);
        for (long i = 0; i < N; i++)
        {
            BenchSetup.Fill(ref e, i);
            _queue.Add(e);
        }
        BenchSetup.AwaitCount(ref _queueConsumed, start + N);
    }
}
