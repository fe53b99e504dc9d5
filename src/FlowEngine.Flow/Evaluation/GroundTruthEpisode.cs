namespace FlowEngine.Flow.Evaluation;

/// <summary>
/// One labelled episode, independent of where the labels came from (the simulator, a hand-labelled day).
/// Noise episodes (market making) are ones a detector should NOT flag.
/// </summary>
/// <param name="Id">Label id.</param>
/// <param name="Kind">Kind name, e.g. "sweep", "iceberg", "accumulation", "mm_two_sided".</param>
/// <param name="InstrumentId">Instrument.</param>
/// <param name="Direction">Direction of the interest.</param>
/// <param name="StartNs">ts_recv of its first record.</param>
/// <param name="EndNs">ts_recv of its last record (inclusive).</param>
/// <param name="IsNoise">True for market-maker noise.</param>
public readonly record struct GroundTruthEpisode(int Id, string Kind, uint InstrumentId, EpisodeDirection Direction, long StartNs, long EndNs, bool IsNoise);
