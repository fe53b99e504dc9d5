namespace FlowEngine.Book;

/// <summary>
/// The state of one instrument's book in a few numbers: enough to print, to compare with a known answer,
/// and to check a replay against a live run. Taking one never allocates.
/// </summary>
/// <param name="InstrumentId">The instrument the book belongs to.</param>
/// <param name="BidLevels">Number of bid price levels.</param>
/// <param name="AskLevels">Number of ask price levels.</param>
/// <param name="BidOrders">Number of live bid orders.</param>
/// <param name="AskOrders">Number of live ask orders.</param>
/// <param name="Top">The current top of book (may be mid-event when <paramref name="IsConsistent"/> is false).</param>
/// <param name="IsConsistent">True when the last record applied carried F_LAST (or none was applied).</param>
/// <param name="LastTsRecv">ts_recv of the last MBO record applied, 0 before the first.</param>
/// <param name="LastSequence">Sequence of the last MBO record applied, 0 before the first.</param>
/// <param name="EventsApplied">Number of MBO records applied.</param>
/// <param name="Anomalies">Anomaly counts by kind.</param>
public readonly record struct BookSummary(
    uint InstrumentId,
    int BidLevels,
    int AskLevels,
    int BidOrders,
    int AskOrders,
    TopOfBook Top,
    bool IsConsistent,
    long LastTsRecv,
    uint LastSequence,
    long EventsApplied,
    AnomalyCounts Anomalies);
