using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// Replays a recorded run's input journal into a baseline: every input exactly as the run published it (its timer
/// ticks and end-of-input tick included, none added) through the same <see cref="FlowStage"/> under the run's
/// recorded pressure and IFD settings, so the windows recorded are the ones the run's own flow stage recorded, and
/// folding them in reproduces the <c>baseline.updated.snapshot</c> the engine wrote at the end of the run. What
/// <c>flowengine baseline build RUN…</c> runs per run directory.
/// </summary>
public static class RecordedSession
{
    /// <summary>What a replayed session fed and recorded.</summary>
    /// <param name="RunDirectory">The run replayed (absolute).</param>
    /// <param name="Inputs">Inputs replayed (MBO events, definitions and timer ticks).</param>
    /// <param name="TimerTicks">Timer ticks among them.</param>
    /// <param name="WindowsRecorded">Closed windows with trades recorded into the baseline.</param>
    public sealed record Result(string RunDirectory, long Inputs, long TimerTicks, long WindowsRecorded);

    /// <summary>
    /// Replays the run in <paramref name="runDirectory"/> into <paramref name="store"/>'s current session (the caller
    /// ends or discards it). A run without <c>run.json</c> is replayed under the default configuration.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Not a run directory.</exception>
    /// <exception cref="IOException">The journal is damaged (the message says where).</exception>
    /// <exception cref="InvalidDataException">The journal's inputs have a gap, or run.json or instruments.dbn is damaged.</exception>
    public static Result Replay(string runDirectory, BaselineStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var layout = RunLayout.Existing(runDirectory);
        var recorded = ParityCheck.RecordedConfig(layout) ?? ConfigLoader.Load(new ConfigLoadOptions { Environment = new Dictionary<string, string>() });
        var definitions = new DefinitionCatalog();
        var setup = new FlowSetup
        {
            Pressure = recorded.Pressure.ToOptions(),
            Ifd = recorded.Ifd.ToOptions(),
            Baseline = store,
            RecordsBaseline = true,
            Definitions = definitions,
        };
        var metrics = new EngineMetrics(1024);
        var signals = new SignalQueue();
        // Off the ring, on this thread: the stage keeps its own books, as in the per-handler layout.
        var stage = new FlowStage(setup, null, signals, new StageProbe(metrics.AddHandler(StageNames.Flow), null), null);
        using var reader = new JournalInputReader(layout.Directory);
        var slot = default(PipelineEvent);
        long sequence = 0, ticks = 0;
        while (reader.Read(ref slot.Input))
        {
            if (slot.Input.Kind == EventKind.InstrumentDefinition && reader.FindDefinition(slot.Input.InstrumentId) is { } definition)
                definitions.Publish(definition);
            else if (slot.Input.Kind == EventKind.TimerTick)
                ticks++;
            stage.OnEvent(ref slot, sequence++, endOfBatch: true);
            signals.MarkConsumed(signals.Written); // the signals are not needed here, only the windows
        }
        return new Result(layout.Directory, sequence, ticks, stage.Recorder!.WindowsRecorded);
    }
}
