namespace FlowEngine.Simulator;

/// <summary>
/// Ground truth for one injected episode on one instrument: what happened, where, which way and when.
/// The IFD evaluation matches signals against these (same instrument, same side, inside the span).
/// A call/put market-maker episode yields two labels (call and put) sharing <see cref="Group"/>.
/// </summary>
public readonly record struct EpisodeLabel
{
    /// <summary>Unique id, increasing in order of each episode's first event.</summary>
    public int Id { get; init; }

    /// <summary>Episode id shared by the labels of one multi-instrument episode; equals <see cref="Id"/> otherwise.</summary>
    public int Group { get; init; }

    /// <summary>What kind of episode this is.</summary>
    public EpisodeKind Kind { get; init; }

    /// <summary>Instrument the episode acted on.</summary>
    public uint InstrumentId { get; init; }

    /// <summary>Direction of the interest (see <see cref="EpisodeSide"/>).</summary>
    public EpisodeSide Side { get; init; }

    /// <summary>ts_recv (ns since the UNIX epoch) of the episode's first record on this instrument.</summary>
    public long StartNs { get; init; }

    /// <summary>ts_recv of its last record on this instrument (inclusive); equals the start for a one-event episode.</summary>
    public long EndNs { get; init; }

    /// <summary>Reference price in 1e-9: first level swept, iceberg price, accumulation price, or the first quoted bid.</summary>
    public long Price { get; init; }

    /// <summary>Lots traded in the episode's own trade events (sum of its T record sizes on this instrument).</summary>
    public long Volume { get; init; }

    /// <summary>Episode actions on this instrument: sweeps, iceberg hits, passive fills, or quote/trade steps.</summary>
    public int Actions { get; init; }

    /// <summary>Most price levels one action traded at (sweeps: at least 2); 1 or 0 for the other kinds.</summary>
    public int Levels { get; init; }
}
