using FlowEngine.Market.Instruments;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// Instrument definitions handed from the source thread to the flow stage. A ring slot carries only an
/// instrument id, so the source puts the definition here before it publishes the definition event, and the
/// flow stage takes it when that event reaches it: IFD then learns of an instrument at the same input position
/// live, in replay and in parity (where the definitions come from the run's <c>instruments.dbn</c>).
/// </summary>
/// <remarks>
/// Definition events are rare, so a lock is the right tool: it costs nothing on the per-event path and makes the
/// two threads' view of the dictionary safe without a copy per update. The catalog holds the latest definition
/// per id; an instrument whose pairing fields (class, strike, expiration, underlying) changed during a run would
/// be paired by its final definition in replay, which listed instruments never do.
/// </remarks>
public sealed class DefinitionCatalog
{
    private readonly Dictionary<uint, InstrumentDefinition> _byId = [];
    private readonly Lock _lock = new();

    /// <summary>Definitions held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _byId.Count;
        }
    }

    /// <summary>Adds or replaces the definition (source thread, before the definition event is published).</summary>
    public void Publish(InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
            _byId[definition.InstrumentId] = definition;
    }

    /// <summary>The definition of <paramref name="instrumentId"/>, when the source published one (any thread).</summary>
    public InstrumentDefinition? Find(uint instrumentId)
    {
        lock (_lock)
            return _byId.GetValueOrDefault(instrumentId);
    }
}
