using System.Globalization;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Engine.Sources;

/// <summary>The built-in market simulator as a source: definitions, opening snapshot, then live flow with labelled episodes.</summary>
public sealed class SimulatorReader : IEventReader
{
    private readonly MarketSimulator _simulator;

    /// <summary>Builds the simulated session (allocates its books and order pools up front).</summary>
    public SimulatorReader(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _simulator = new MarketSimulator(options);
        Description = string.Create(CultureInfo.InvariantCulture, $"simulator seed {options.Seed}");
    }

    /// <summary>The simulator (its labels are the ground truth written next to the run).</summary>
    public MarketSimulator Simulator => _simulator;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool NeedsTimerTicks => true;

    /// <inheritdoc />
    public IReadOnlyCollection<InstrumentDefinition> Definitions => _simulator.Definitions;

    /// <inheritdoc />
    public bool Read(ref MboEvent evt) => _simulator.Next(ref evt);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
