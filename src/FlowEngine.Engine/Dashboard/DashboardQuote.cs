using FlowEngine.Book;

namespace FlowEngine.Engine.Dashboard;

/// <summary>One instrument's line in the dashboard's best bid/ask table.</summary>
/// <param name="InstrumentId">Instrument id.</param>
/// <param name="Symbol">Its symbol when the run's instrument definitions name it.</param>
/// <param name="Top">Best bid and ask.</param>
/// <param name="Changes">Top-of-book changes so far.</param>
public sealed record DashboardQuote(uint InstrumentId, string? Symbol, TopOfBook Top, long Changes);
