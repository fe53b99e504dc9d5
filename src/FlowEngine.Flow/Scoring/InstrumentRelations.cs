using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// How instruments relate, derived from their definitions: the delta sign (+1 future and calls, −1 puts),
/// the same-strike call/put partner (the market-making pattern) and the instruments whose pressure would
/// corroborate a signal (the underlying future and the two nearest strikes each side of the same type and
/// expiry; for a future, every option on it). Built off the hot path; lookups never allocate.
/// </summary>
public sealed class InstrumentRelations
{
    private static readonly uint[] NoneRelated = [];
    private readonly Dictionary<uint, Entry> _entries = [];

    private sealed record Entry(int DeltaSign, uint Partner, uint[] Related);

    /// <summary>Relations for every definition in <paramref name="registry"/>.</summary>
    public InstrumentRelations(InstrumentRegistry? registry)
    {
        if (registry is null)
            return;
        var all = new List<InstrumentDefinition>(registry.Values);
        all.Sort((a, b) => a.InstrumentId.CompareTo(b.InstrumentId));
        foreach (var def in all)
        {
            var isOption = def.Class is InstrumentClass.Call or InstrumentClass.Put;
            var sign = def.Class == InstrumentClass.Put ? -1 : 1;
            uint partner = 0;
            var related = new List<uint>();
            if (isOption)
            {
                var wanted = def.Class == InstrumentClass.Call ? InstrumentClass.Put : InstrumentClass.Call;
                var strikes = new List<InstrumentDefinition>();
                foreach (var other in all)
                {
                    if (!string.Equals(other.Underlying, def.Underlying, StringComparison.Ordinal) || other.Expiration != def.Expiration)
                    {
                        if (other.Class == InstrumentClass.Future && string.Equals(other.RawSymbol, def.Underlying, StringComparison.Ordinal))
                            related.Add(other.InstrumentId);
                        continue;
                    }
                    if (other.Class == wanted && other.StrikePrice == def.StrikePrice)
                        partner = other.InstrumentId;
                    else if (other.Class == def.Class)
                        strikes.Add(other);
                }
                strikes.Sort((a, b) => a.StrikePrice.CompareTo(b.StrikePrice));
                var at = strikes.FindIndex(d => d.InstrumentId == def.InstrumentId);
                for (var i = Math.Max(0, at - 2); at >= 0 && i <= Math.Min(strikes.Count - 1, at + 2); i++)
                {
                    if (i != at)
                        related.Add(strikes[i].InstrumentId);
                }
            }
            else
            {
                foreach (var other in all)
                {
                    if (other.Class is InstrumentClass.Call or InstrumentClass.Put && string.Equals(other.Underlying, def.RawSymbol, StringComparison.Ordinal))
                        related.Add(other.InstrumentId);
                }
            }
            related.Sort();
            _entries[def.InstrumentId] = new Entry(sign, partner, related.Count == 0 ? NoneRelated : [.. related]);
        }
    }

    /// <summary>+1 when buying the instrument is bullish for the underlying (futures, calls, unknown), −1 for puts.</summary>
    public int DeltaSign(uint instrumentId) => _entries.TryGetValue(instrumentId, out var e) ? e.DeltaSign : 1;

    /// <summary>The same-strike call/put partner, or 0.</summary>
    public uint Partner(uint instrumentId) => _entries.TryGetValue(instrumentId, out var e) ? e.Partner : 0;

    /// <summary>The instruments that corroborate this one, sorted by id (empty when unknown).</summary>
    public ReadOnlySpan<uint> Related(uint instrumentId) => _entries.TryGetValue(instrumentId, out var e) ? e.Related : NoneRelated;
}
