using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Sources;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;
using FlowEngine.Market.Instruments;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Tests.Flow;

/// <summary>
/// Instrument definitions must reach the flow stage (for call/put pairing and related strikes) live and in replay
/// alike: the source puts each one in the catalog before publishing its event, a replay takes them from the run's
/// instruments.dbn.
/// </summary>
public sealed class DefinitionFlowTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    private static FlowStage RunThrough(IEventReader reader, ThreadLayout layout, bool withCatalog)
    {
        var ring = new RingConfig { Size = 1024, ThreadLayout = layout, WaitStrategy = WaitStrategyKind.Blocking };
        var metrics = new EngineMetrics(ring.Size);
        var catalog = withCatalog ? new DefinitionCatalog() : null;
        var flow = new FlowSetup { Pressure = new PressureOptions(), Ifd = new IfdOptions(), Definitions = catalog };
        using var pipeline = new EnginePipeline(ring, metrics, null, new CountingOutputSink(), flow: flow);
        var buffer = pipeline.Start();
        TestRuns.Bounded(() => new SourcePump(buffer, reader, SourceSpeed.Max, 1000, new RunControl(), metrics.Counters, null, catalog).Run());
        Assert.True(pipeline.Halt(TestRuns.Timeout));
        Assert.Null(pipeline.Ring.Fault);
        return pipeline.Flow!;
    }

    /// <summary>Each option's same-strike partner as the tracker paired them.</summary>
    private static Dictionary<uint, uint> Partners(FlowStage flow, IEnumerable<InstrumentDefinition> definitions)
    {
        var result = new Dictionary<uint, uint>();
        foreach (var d in definitions)
        {
            if (flow.Tracker.TryGetPartner(d.InstrumentId, out var partner))
                result[d.InstrumentId] = partner;
        }
        return result;
    }

    [Fact]
    public void Calls_and_puts_are_paired_the_same_live_and_in_replay()
    {
        var simulator = EventReaders.SimulatorOptionsFor(new SimulatorConfig { Seed = 7, Events = 20_000 });
        using var live = new SimulatorReader(simulator);
        var definitions = live.Simulator.Definitions;
        var liveFlow = RunThrough(live, ThreadLayout.Fused, withCatalog: true);

        Assert.Equal(definitions.Count, liveFlow.Registry.Count);
        var livePairs = Partners(liveFlow, definitions);
        var options = definitions.Where(d => d.Class is InstrumentClass.Call or InstrumentClass.Put).ToList();
        Assert.Equal(options.Count, livePairs.Count);
        foreach (var option in options)
        {
            var partner = definitions.Single(d => d.InstrumentId == livePairs[option.InstrumentId]);
            Assert.NotEqual(option.Class, partner.Class);
            Assert.Equal(option.StrikePrice, partner.StrikePrice);
        }

        // The same session recorded by a run, replayed from its journal and instruments.dbn, on another layout.
        var recorded = TestRuns.Execute(TestRuns.Config(_root.Path, ("source.simulator.events", "20000"), ("source.simulator.seed", "7")), "recorded");
        Assert.True(recorded.Succeeded, recorded.FailureMessage);
        using var replay = new JournalInputReader(recorded.Layout.Directory);
        var replayFlow = RunThrough(replay, ThreadLayout.PerHandler, withCatalog: true);
        Assert.True(replayFlow.AppliesBooks);
        Assert.Equal(livePairs, Partners(replayFlow, definitions));
    }

    [Fact]
    public void Without_the_catalog_the_flow_stage_never_learns_a_definition()
    {
        using var live = new SimulatorReader(EventReaders.SimulatorOptionsFor(new SimulatorConfig { Seed = 7, Events = 5_000 }));
        var flow = RunThrough(live, ThreadLayout.Single, withCatalog: false);

        Assert.Empty(flow.Registry);
        Assert.Empty(Partners(flow, live.Simulator.Definitions));
    }
}
