namespace FlowEngine.Market.Dbn;

/// <summary>
/// One interval of a metadata symbol mapping: between <see cref="StartDate"/> (inclusive) and
/// <see cref="EndDate"/> (exclusive) the raw symbol resolved to <see cref="Symbol"/> (usually an instrument id).
/// </summary>
/// <param name="StartDate">First day of the interval (UTC).</param>
/// <param name="EndDate">Day after the last day of the interval (UTC).</param>
/// <param name="Symbol">The mapped symbol in the output symbology, e.g. "5482".</param>
public sealed record DbnMappingInterval(DateOnly StartDate, DateOnly EndDate, string Symbol);
