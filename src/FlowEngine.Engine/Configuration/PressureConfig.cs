using FlowEngine.Flow.Pressure;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>pressure</c> section: event-time windows and detector settings of the flow stage's pressure tracker.
/// Defaults are the Flow library's (<see cref="PressureOptions"/>); durations carry their unit in the key name
/// (<c>Ms</c>, <c>Us</c>) so a file reads unambiguously.
/// </summary>
public sealed record PressureConfig
{
    private static readonly PressureOptions Library = new();

    /// <summary>Most window lengths accepted.</summary>
    public const int MaxWindows = 16;

    /// <summary>Longest window accepted: one day.</summary>
    public const long MaxWindowMs = 86_400_000;

    /// <summary>Window lengths in ms, ascending, each a multiple of the first (default 1 s, 10 s, 60 s, 300 s).</summary>
    public IReadOnlyList<long> WindowsMs { get; init; } = ToMs(Library.WindowLengthsNs);

    /// <summary>Levels per side summed by the multi-level order-flow imbalance.</summary>
    public int OfiLevels { get; init; } = Library.OfiLevels;

    /// <summary>How soon after a level was traded away an add at the same price and side is an iceberg refill, in µs.</summary>
    public long IcebergRefillWindowUs { get; init; } = Library.IcebergRefillWindowNs / 1000;

    /// <summary>Rolling percentile of add sizes a refill must exceed for a repeated size to count as the same display.</summary>
    public double IcebergDisplayPercentile { get; init; } = Library.IcebergDisplayPercentile;

    /// <summary>Refills at one price and side closer together than this are one chain, in ms.</summary>
    public long IcebergChainMs { get; init; } = Library.IcebergChainNs / 1_000_000;

    /// <summary>How soon after a trade an add of the traded size at the traded price counts as replenishment, in µs.</summary>
    public long ReplenishWindowUs { get; init; } = Library.ReplenishWindowNs / 1000;

    /// <summary>An order cancelled within this time of being added is fleeting, in ms.</summary>
    public long FleetingMs { get; init; } = Library.FleetingNs / 1_000_000;

    /// <summary>Rolling percentile of add sizes above which an add is a large order.</summary>
    public double LargeOrderPercentile { get; init; } = Library.LargeOrderPercentile;

    /// <summary>Add sizes kept per instrument for the large-order percentile.</summary>
    public int LargeOrderHistory { get; init; } = Library.LargeOrderHistory;

    /// <summary>Adds an instrument must have seen before any add is called large.</summary>
    public int LargeOrderMinSamples { get; init; } = Library.LargeOrderMinSamples;

    /// <summary>Call and put trades of one strike this close in time are one paired trade, in µs.</summary>
    public long PairToleranceUs { get; init; } = Library.PairToleranceNs / 1000;

    /// <summary>A bid and an ask added this close together are one two-sided quote, in µs (0: the same ts_recv).</summary>
    public long QuotePairToleranceUs { get; init; } = Library.QuotePairToleranceNs / 1000;

    /// <summary>Cap of the display-only buy/sell ratio.</summary>
    public double RatioCap { get; init; } = Library.RatioCap;

    /// <summary>The library options these settings stand for.</summary>
    public PressureOptions ToOptions() => new()
    {
        WindowLengthsNs = [.. WindowsMs.Select(ms => ms * 1_000_000)],
        OfiLevels = OfiLevels,
        IcebergRefillWindowNs = IcebergRefillWindowUs * 1000,
        IcebergDisplayPercentile = IcebergDisplayPercentile,
        IcebergChainNs = IcebergChainMs * 1_000_000,
        ReplenishWindowNs = ReplenishWindowUs * 1000,
        FleetingNs = FleetingMs * 1_000_000,
        LargeOrderPercentile = LargeOrderPercentile,
        LargeOrderHistory = LargeOrderHistory,
        LargeOrderMinSamples = LargeOrderMinSamples,
        PairToleranceNs = PairToleranceUs * 1000,
        QuotePairToleranceNs = QuotePairToleranceUs * 1000,
        RatioCap = RatioCap,
    };

    private static long[] ToMs(IReadOnlyList<long> ns) => [.. ns.Select(n => n / 1_000_000)];
}
