using FlowEngine.Book;

namespace FlowEngine.Engine.Dashboard;

/// <summary>An instrument's latest top of book as read from a <see cref="TopOfBookBoard"/>.</summary>
/// <param name="InstrumentId">Instrument id.</param>
/// <param name="TsRecv">ts_recv of the input that last moved it.</param>
/// <param name="Top">Best bid and ask.</param>
/// <param name="Changes">Top-of-book changes so far: the instrument's activity, used to pick the busiest.</param>
public readonly record struct InstrumentQuote(uint InstrumentId, long TsRecv, TopOfBook Top, long Changes);
