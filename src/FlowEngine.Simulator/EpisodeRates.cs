namespace FlowEngine.Simulator;

/// <summary>
/// How often each episode kind starts, per minute of event time (a Poisson process per kind). The defaults
/// (3 a minute each) put a few dozen of each kind in a 10-minute session. An occurrence that finds no idle
/// instrument is skipped rather than stacked, so realised counts can fall slightly below rate × duration.
/// Zero disables a kind.
/// </summary>
public sealed record EpisodeRates
{
    /// <summary>Sweep episodes per minute.</summary>
    public double SweepsPerMinute { get; init; } = 3;

    /// <summary>Iceberg episodes per minute.</summary>
    public double IcebergsPerMinute { get; init; } = 3;

    /// <summary>Passive accumulation episodes per minute.</summary>
    public double AccumulationsPerMinute { get; init; } = 3;

    /// <summary>Two-sided market-maker quoting bursts per minute.</summary>
    public double TwoSidedQuotingPerMinute { get; init; } = 3;

    /// <summary>Call/put same-strike market-maker episodes per minute.</summary>
    public double CallPutPairsPerMinute { get; init; } = 3;

    /// <summary>The rate for one kind.</summary>
    public double PerMinute(EpisodeKind kind) => kind switch
    {
        EpisodeKind.Sweep => SweepsPerMinute,
        EpisodeKind.Iceberg => IcebergsPerMinute,
        EpisodeKind.Accumulation => AccumulationsPerMinute,
        EpisodeKind.MarketMakerTwoSided => TwoSidedQuotingPerMinute,
        EpisodeKind.MarketMakerCallPut => CallPutPairsPerMinute,
        _ => 0,
    };

    /// <summary>All rates set to zero: background flow only.</summary>
    public static EpisodeRates None { get; } = new()
    {
        SweepsPerMinute = 0,
        IcebergsPerMinute = 0,
        AccumulationsPerMinute = 0,
        TwoSidedQuotingPerMinute = 0,
        CallPutPairsPerMinute = 0,
    };
}
