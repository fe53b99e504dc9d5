namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>source</c> section: where events come from and how fast they are published.</summary>
public sealed record SourceConfig
{
    /// <summary>Which source to run.</summary>
    public SourceKind Kind { get; init; } = SourceKind.Simulator;

    /// <summary>
    /// Inputs for file sources: DBN files (read in this order) for <see cref="SourceKind.Dbn"/>, one run
    /// directory for <see cref="SourceKind.Replay"/>; empty for the simulator.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Publishing speed: flat out or paced by event time.</summary>
    public SourceSpeed Speed { get; init; } = SourceSpeed.Max;

    /// <summary>Simulator settings; read only when <see cref="Kind"/> is the simulator.</summary>
    public SimulatorConfig Simulator { get; init; } = new();
}
