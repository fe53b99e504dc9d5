namespace FlowEngine.Market.Dbn;

/// <summary>How one requested symbol resolved over time, as recorded in the DBN metadata.</summary>
/// <param name="RawSymbol">The symbol as requested (input symbology), e.g. "ESH4".</param>
/// <param name="Intervals">The resolutions, in file order.</param>
public sealed record DbnSymbolMapping(string RawSymbol, IReadOnlyList<DbnMappingInterval> Intervals);
