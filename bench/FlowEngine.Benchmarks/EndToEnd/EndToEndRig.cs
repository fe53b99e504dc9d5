using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Sources;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>
/// The engine's pipeline as <c>flowengine run</c> builds it — input journal (LZ4) ∥ book → outputs (LZ4 output
/// journal) — in a temporary run directory, split into set-up, publish-and-drain, and tear-down so a benchmark can
/// time only the middle.
/// </summary>
internal sealed class EndToEndRig : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fe-bench-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly JournalWriter _inputs;
    private readonly JournalWriter _outputs;
    private readonly EnginePipeline _pipeline;
    private readonly RingBuffer<PipelineEvent> _ring;
    private readonly EngineConfig _config;

    public EndToEndRig(string threadLayout = "fused", string waitStrategy = "spin-then-block", long warmupEvents = 0)
    {
        _config = ConfigLoader.Load(new ConfigLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            Overrides =
            [
                new ConfigOverride { Key = "journal.root", Value = _root, Origin = "bench" },
                new ConfigOverride { Key = "journal.durability", Value = "none", Origin = "bench" },
                new ConfigOverride { Key = "journal.compression", Value = "lz4", Origin = "bench" },
                new ConfigOverride { Key = "ring.threadLayout", Value = threadLayout, Origin = "bench" },
                new ConfigOverride { Key = "ring.waitStrategy", Value = waitStrategy, Origin = "bench" },
            ],
        });
        var layout = RunLayout.For(_root, "bench");
        layout.Create();
        _inputs = new JournalWriter(EngineRun.JournalOptionsFor(_config, layout, RunLayout.InputsName, 1));
        _outputs = new JournalWriter(EngineRun.JournalOptionsFor(_config, layout, RunLayout.OutputsName, 1));
        if (_inputs.CompressionWarning is { } warning)
            Console.WriteLine("warning: " + warning);
        Metrics = new EngineMetrics(_config.Ring.Size, warmupEvents, TimeSpan.Zero);
        _pipeline = new EnginePipeline(_config.Ring, Metrics, _inputs, new JournalOutputSink(_outputs));
        _ring = _pipeline.Start();
        Metrics.MarkStarted();
    }

    public EngineMetrics Metrics { get; }

    /// <summary>Publishes everything <paramref name="reader"/> has, flat out, and waits until every stage has handled it.</summary>
    public long PublishAndDrain(IEventReader reader, SourceSpeed speed)
    {
        var pump = new SourcePump(_ring, reader, speed, _config.Timer.TickIntervalMs, new RunControl(), Metrics.Counters, _pipeline.SourceMeter);
        pump.Run();
        var last = _ring.Cursor;
        var spin = new SpinWait();
        foreach (var handler in _pipeline.Ring.Handlers)
        {
            while (handler.Sequence < last)
                spin.SpinOnce(sleep1Threshold: -1);
        }
        return pump.Published;
    }

    public void Dispose()
    {
        _pipeline.Halt(TimeSpan.FromSeconds(30));
        _inputs.Close();
        _outputs.Close();
        Directory.Delete(_root, recursive: true);
    }
}
