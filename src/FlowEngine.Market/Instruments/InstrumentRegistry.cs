using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FlowEngine.Market.Instruments;

/// <summary>
/// The latest definition of each instrument, by id. Events carry only the numeric id
/// (<see cref="Events.EventKind.InstrumentDefinition"/> events announce a change); code that needs the symbol,
/// tick size or option fields looks them up here. A newer definition of the same id replaces the older one.
/// Enumeration follows first-arrival order (entries are never removed), so it is deterministic.
/// Single writer: the source that decodes definitions.
/// </summary>
public sealed class InstrumentRegistry : IReadOnlyDictionary<uint, InstrumentDefinition>
{
    private readonly Dictionary<uint, InstrumentDefinition> _byId = [];

    /// <summary>How many times a definition was added or replaced; lets readers notice changes cheaply.</summary>
    public long Version { get; private set; }

    /// <summary>Number of instruments known.</summary>
    public int Count => _byId.Count;

    /// <summary>Ids in first-arrival order.</summary>
    public IEnumerable<uint> Keys => _byId.Keys;

    /// <summary>Definitions in first-arrival order.</summary>
    public IEnumerable<InstrumentDefinition> Values => _byId.Values;

    /// <summary>The definition of <paramref name="instrumentId"/>; throws <see cref="KeyNotFoundException"/> when unknown.</summary>
    public InstrumentDefinition this[uint instrumentId] =>
        _byId.TryGetValue(instrumentId, out var definition)
            ? definition
            : throw new KeyNotFoundException($"no definition for instrument {instrumentId}");

    /// <summary>Adds the definition, or replaces the one with the same id.</summary>
    public void Apply(InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _byId[definition.InstrumentId] = definition;
        Version++;
    }

    /// <summary>The definition of <paramref name="instrumentId"/>, or null when none arrived yet.</summary>
    public InstrumentDefinition? Find(uint instrumentId) => _byId.GetValueOrDefault(instrumentId);

    /// <summary>True when a definition for the id is known.</summary>
    public bool ContainsKey(uint key) => _byId.ContainsKey(key);

    /// <summary>Looks up a definition by id.</summary>
    public bool TryGetValue(uint key, [MaybeNullWhen(false)] out InstrumentDefinition value) => _byId.TryGetValue(key, out value);

    /// <summary>Enumerates id/definition pairs in first-arrival order.</summary>
    public IEnumerator<KeyValuePair<uint, InstrumentDefinition>> GetEnumerator() => _byId.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
