using System.Globalization;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator;

namespace FlowEngine.Engine.Sources;

/// <summary>The built-in market simulator as a source: definitions, opening snapshot, then live flow with labelled episodes.</summary>
public sealed class SimulatorReader : IEventReader
{
    private readonly MarketSimulator _simulator;
    private readonly Dictionary<uint, InstrumentDefinition> _byId = [];

    /// <summary>Builds the simulated session (allocates its books and order pools up front).</summary>
    public SimulatorReader(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _simulator = new MarketSimulator(options);
        foreach (var d in _simulator.Definitions)
            _byId[d.InstrumentId] = d;
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
    public InstrumentDefinition? FindDefinition(uint instrumentId) => _byId.GetValueOrDefault(instrumentId);

    /// <inheritdoc />
    public bool Read(ref MboEvent evt) => _simulator.Next(ref evt);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
