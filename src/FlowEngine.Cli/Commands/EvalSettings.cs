namespace FlowEngine.Cli.Commands;

/// <summary>What <c>flowengine eval</c> runs: the simulated session, its warm-up history and the matching grace.</summary>
internal sealed record EvalSettings
{
    /// <summary>Seed of the evaluated session.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Event-time length of the evaluated session.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Record cap of the evaluated session (long.MaxValue: none).</summary>
    public long MaxEvents { get; init; } = long.MaxValue;

    /// <summary>Prior simulated sessions that build the baseline before the evaluated one.</summary>
    public int WarmupSessions { get; init; } = 4;

    /// <summary>Event-time length of each warm-up session.</summary>
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Episode rates of the warm-up sessions relative to the simulator's defaults. The evaluated session packs
    /// ~170 labelled episodes into 10 minutes (the future is inside one most of the time) to measure recall;
    /// history that dense would make every episode look ordinary. Prior days are modelled as ordinary trading
    /// with episodes at this fraction of the default rates.
    /// </summary>
    public double WarmupEpisodeScale { get; init; } = 0.25;

    /// <summary>Grace after an episode's end within which a signal still matches it.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Seed of warm-up session <paramref name="index"/> (0-based): far from the evaluated seed and from the
    /// warm-up seeds of nearby evaluated seeds, so no two runs share a session by accident.
    /// </summary>
    public ulong WarmupSeed(int index) => unchecked(Seed * 1_000_003UL + 7_919UL * (ulong)(index + 1) + 0x5EED_0000UL);
}
