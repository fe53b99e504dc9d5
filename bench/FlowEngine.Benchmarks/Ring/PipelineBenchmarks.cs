using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>
/// One producer → A → B → C, each stage reading what the previous one wrote. The ring runs the stages either
/// on a thread each or fused on one thread; Channels chains three bounded channels with an async stage loop
/// between each pair (the baseline). Times are per event.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int N = BenchSetup.EventCount;

    private RingPipeline<MboEvent> _ring = null!;
    private Sequence _ringDone = null!;
    private long _ringTarget;

    private Channel<MboEvent> _toA = null!, _toB = null!, _toC = null!;
    private Task[] _stages = [];
    private long _channelConsumed;
    private long _channelSum;

    /// <summary>A, B, C on three threads; yielding waits (4 busy threads on 2 cores need to hand the core over).</summary>
    [GlobalSetup(Target = nameof(Ring_ThreadPerStage_Yielding))]
    public void SetupThreadPerStageYielding() => StartRing(new YieldingWaitStrategy(), fused: false);

    /// <summary>A, B, C on three threads with the default spin-then-block strategy.</summary>
    [GlobalSetup(Target = nameof(Ring_ThreadPerStage_SpinThenBlock))]
    public void SetupThreadPerStageDefault() => StartRing(new SpinThenBlockWaitStrategy(), fused: false);

    /// <summary>A → B → C fused on one consumer thread, default strategy.</summary>
    [GlobalSetup(Target = nameof(Ring_Fused))]
    public void SetupFused() => StartRing(new SpinThenBlockWaitStrategy(), fused: true);

    private void StartRing(IWaitStrategy strategy, bool fused)
    {
        _ring = new RingPipeline<MboEvent>(BenchSetup.Capacity, strategy, threadNamePrefix: "bench");
        var last = fused
            ? _ring.HandleEventsWithFused(new StageAHandler(), new StageBHandler(), new StageCHandler())
            : _ring.HandleEventsWith(new StageAHandler()).Then(new StageBHandler()).Then(new StageCHandler());
        _ringDone = last.Processors[0].Sequence;
        _ring.Start();
        _ringTarget = -1;
    }

    /// <summary>Stops the ring's threads.</summary>
    [GlobalCleanup(Targets = [nameof(Ring_ThreadPerStage_Yielding), nameof(Ring_ThreadPerStage_SpinThenBlock), nameof(Ring_Fused)])]
    public void CleanupRing() => _ring.Halt(TimeSpan.FromSeconds(30));

    /// <summary>Ring, a thread per stage, yielding.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_ThreadPerStage_Yielding() => PublishBatches();

    /// <summary>Ring, a thread per stage, spin-then-block.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_ThreadPerStage_SpinThenBlock() => PublishBatches();

    /// <summary>Ring, the three stages fused on one thread.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Ring_Fused() => PublishBatches();

    private void PublishBatches()
    {
        BenchSetup.PublishBatches(_ring.Ring, N);
        _ringTarget += N;
        BenchSetup.AwaitSequence(_ringDone, _ringTarget);
    }

    /// <summary>Three bounded SPSC channels with a stage task between each.</summary>
    [GlobalSetup(Target = nameof(Channels_Chained))]
    public void SetupChannels()
    {
        _toA = NewChannel();
        _toB = NewChannel();
        _toC = NewChannel();
        _stages =
        [
            Task.Run(() => Forward(_toA.Reader, _toB.Writer, static (ref MboEvent e) => e.Aux = e.Price + 1)),
            Task.Run(() => Forward(_toB.Reader, _toC.Writer, static (ref MboEvent e) => e.TsInDelta = (int)(e.Aux & 0xFFFF))),
            Task.Run(ConsumeLast),
        ];
    }

    private static Channel<MboEvent> NewChannel() => Channel.CreateBounded<MboEvent>(new BoundedChannelOptions(BenchSetup.Capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private delegate void Stage(ref MboEvent e);

    private static async Task Forward(ChannelReader<MboEvent> reader, ChannelWriter<MboEvent> writer, Stage stage)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                stage(ref e);
                if (!writer.TryWrite(e))
                    await writer.WriteAsync(e).ConfigureAwait(false);
            }
        }
        writer.Complete();
    }

    private async Task ConsumeLast()
    {
        var reader = _toC.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                _channelSum += e.Aux + e.TsInDelta;
                Volatile.Write(ref _channelConsumed, _channelConsumed + 1);
            }
        }
    }

    /// <summary>Completes the first channel; completion flows down the chain.</summary>
    [GlobalCleanup(Target = nameof(Channels_Chained))]
    public void CleanupChannels()
    {
        _toA.Writer.Complete();
        Task.WaitAll(_stages, TimeSpan.FromSeconds(30));
    }

    /// <summary>Channels chained A → B → C.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public async Task Channels_Chained()
    {
        var writer = _toA.Writer;
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
}
