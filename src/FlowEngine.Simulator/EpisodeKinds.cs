namespace FlowEngine.Simulator;

/// <summary>The episode kinds in their fixed order, with their CSV and option names (one place for both).</summary>
public static class EpisodeKinds
{
    /// <summary>Every kind, in enum order: the order in which the simulator schedules them.</summary>
    public static IReadOnlyList<EpisodeKind> All { get; } =
    [
        EpisodeKind.Sweep, EpisodeKind.Iceberg, EpisodeKind.Accumulation,
        EpisodeKind.MarketMakerTwoSided, EpisodeKind.MarketMakerCallPut,
    ];

    /// <summary>True for the market-maker noise kinds a detector should not flag.</summary>
    public static bool IsNoise(EpisodeKind kind) => kind is EpisodeKind.MarketMakerTwoSided or EpisodeKind.MarketMakerCallPut;

    /// <summary>The name used in labels.csv.</summary>
    public static string CsvName(EpisodeKind kind) => kind switch
    {
        EpisodeKind.Sweep => "sweep",
        EpisodeKind.Iceberg => "iceberg",
        EpisodeKind.Accumulation => "accumulation",
        EpisodeKind.MarketMakerTwoSided => "mm_two_sided",
        EpisodeKind.MarketMakerCallPut => "mm_call_put",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown episode kind"),
    };

    /// <summary>The <see cref="EpisodeRates"/> property that sets this kind's rate.</summary>
    public static string RateName(EpisodeKind kind) => kind switch
    {
        EpisodeKind.Sweep => nameof(EpisodeRates.SweepsPerMinute),
        EpisodeKind.Iceberg => nameof(EpisodeRates.IcebergsPerMinute),
        EpisodeKind.Accumulation => nameof(EpisodeRates.AccumulationsPerMinute),
        EpisodeKind.MarketMakerTwoSided => nameof(EpisodeRates.TwoSidedQuotingPerMinute),
        EpisodeKind.MarketMakerCallPut => nameof(EpisodeRates.CallPutPairsPerMinute),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown episode kind"),
    };
}
