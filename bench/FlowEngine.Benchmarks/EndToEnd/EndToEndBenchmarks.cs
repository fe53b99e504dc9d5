using BenchmarkDotNet.Attributes;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Sources;

namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>
/// The full pipeline flat out — source → ring → input journal (LZ4, durability none) ∥ book → outputs (LZ4
/// output journal) — over 3 M simulator events per invocation, after 300,000 events of untimed warm-up per
/// invocation (the opening snapshot, book and pool creation: a fresh pipeline starts with empty books). Each op is one event (OperationsPerInvoke), so the
/// mean is ns per event (1e9 / mean = events/s) and Allocated is bytes per event, process-wide (journal disk
/// threads included; the engine's hot threads alone are printed by GlobalCleanup).
/// <c>Memory</c> replays pre-generated simulator events (the pipeline's capacity); <c>Simulator</c> generates them
/// live on the source thread, as <c>flowengine run</c> does.
/// Run: dotnet run -c Release --project bench/FlowEngine.Benchmarks -- --filter '*EndToEndBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private const int Events = 3_000_000;
    private const int Warmup = 300_000;
    private MemoryReader _memory = null!;
    private EndToEndRig? _rig;
    private IEventReader _reader = null!;
    private long _hotAllocated;
    private long _measured;

    /// <summary>Where the events come from.</summary>
    [Params("Memory", "Simulator")]
    public string Source { get; set; } = "Memory";

    /// <summary>Thread layout (ring.threadLayout).</summary>
    [Params("fused", "single")]
    public string Layout { get; set; } = "fused";

    /// <summary>Generates the in-memory events once.</summary>
    [GlobalSetup]
    public void Setup() => _memory = MemoryReader.Simulated(Warmup + Events);

    /// <summary>A fresh pipeline, journals and reader per invocation (the books and journals start empty).</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _rig = new EndToEndRig(Layout);
        _reader = Source == "Memory"
            ? _memory.Fresh()
            : new SimulatorReader(new FlowEngine.Simulator.SimulatorOptions { Seed = 42, Duration = TimeSpan.FromHours(2), MaxEvents = Warmup + Events });
        _rig.PublishAndDrain(new LimitedReader(_reader, Warmup), SourceSpeed.Max);
        _rig.Metrics.MarkWarm(); // books and pools exist now: allocation from here on is per-event allocation
    }

    /// <summary>Publishes 3 M events and waits until every stage handled them: ns per event.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long FullPipeline() => _rig!.PublishAndDrain(_reader, SourceSpeed.Max);

    /// <summary>Stops the pipeline and closes the journals (not timed).</summary>
    [IterationCleanup]
    public void IterationCleanup()
    {
        _hotAllocated += _rig!.Metrics.HotThreadAllocatedBytes;
        _measured += Events;
        _rig.Dispose();
        _rig = null;
    }

    /// <summary>Prints the hot threads' own allocation (source, journal and book threads only).</summary>
    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// hot threads allocated {_hotAllocated:N0} bytes over {_measured:N0} events ({(double)_hotAllocated / Math.Max(1, _measured):0.######} B/event)");
}
