using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// What the flow stage is built from: the pressure and IFD options, the baseline history (null: warming up),
/// and where instrument definitions arrive from. Outputs depend only on this and the inputs, so a replay or a
/// parity check builds the same setup from the run directory (run.json, baseline.snapshot, instruments.dbn).
/// </summary>
public sealed record FlowSetup
{
    /// <summary>Pressure tracker options (validated by the tracker).</summary>
    public required PressureOptions Pressure { get; init; }

    /// <summary>IFD scoring options (validated by the scorer).</summary>
    public required IfdOptions Ifd { get; init; }

    /// <summary>
    /// History to score against; null (or a store with no history) means every signal says <c>baseline: warming
    /// up</c> and no grade exceeds MODERATE. Scoring reads only the history of ended sessions, so recording the
    /// current session into the same store (<see cref="RecordsBaseline"/>) never changes a signal.
    /// </summary>
    public BaselineStore? Baseline { get; init; }

    /// <summary>
    /// True to record the session's closed windows into <see cref="Baseline"/> on the flow stage's thread (a
    /// <see cref="BaselineRecorder"/>), for the engine to fold in with <see cref="BaselineStore.EndSession"/> when
    /// the run ends cleanly.
    /// </summary>
    public bool RecordsBaseline { get; init; }

    /// <summary>Definitions published by the source for definition events; null when the source has none.</summary>
    public DefinitionCatalog? Definitions { get; init; }
}
