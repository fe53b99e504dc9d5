namespace FlowEngine.Simulator;

/// <summary>
/// Everything that shapes a simulated session. Two simulators built from equal options produce identical
/// event streams and labels. Defaults model an E-mini-S&amp;P-like future at 6800.00 with a 21-strike options
/// chain, about 10,000 records per second of event time, for 10 minutes from 2026-03-02 14:30:00 UTC.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>2026-03-02 14:30:00 UTC (US cash open) in ns since the UNIX epoch.</summary>
    public const long DefaultSessionStartNs = 1_772_461_800_000_000_000;

    /// <summary>Seed of the whole session: every random choice derives from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>ts_recv of the definitions and the opening snapshot; live events follow it.</summary>
    public long SessionStartNs { get; init; } = DefaultSessionStartNs;

    /// <summary>Event-time length of the session; no event is later than start + duration.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Hard cap on records emitted (definitions and snapshot included), for flat-out benchmarks. The stream
    /// stops at exactly this count, which may cut a multi-record event short of its F_LAST record.
    /// </summary>
    public long MaxEvents { get; init; } = long.MaxValue;

    /// <summary>Databento publisher id written on every record (1 = GLBX.MDP3, CME Globex).</summary>
    public ushort PublisherId { get; init; } = 1;

    /// <summary>Instrument id of the future; the options take the ids that follow it.</summary>
    public uint FutureInstrumentId { get; init; } = 1000;

    /// <summary>Raw symbol of the future; options are named "&lt;symbol&gt; C&lt;strike&gt;" and "&lt;symbol&gt; P&lt;strike&gt;".</summary>
    public string FutureSymbol { get; init; } = "ESZ6";

    /// <summary>Opening price of the future in 1e-9 (rounded to its tick).</summary>
    public long FuturePrice { get; init; } = 6_800_000_000_000;

    /// <summary>Tick size of the future in 1e-9 (0.25 index points).</summary>
    public long FutureTickSize { get; init; } = 250_000_000;

    /// <summary>Tick size of every option in 1e-9 (0.25 index points).</summary>
    public long OptionTickSize { get; init; } = 250_000_000;

    /// <summary>Contract multiplier in 1e-9 (USD 50 per index point).</summary>
    public long Multiplier { get; init; } = 50_000_000_000;

    /// <summary>Strikes on each side of the at-the-money strike: 2·n + 1 strikes, each with a call and a put.</summary>
    public int StrikesEachSide { get; init; } = 10;

    /// <summary>Distance between strikes in 1e-9 (5 index points).</summary>
    public long StrikeSpacing { get; init; } = 5_000_000_000;

    /// <summary>Annualised volatility of the future used to price the options (normal model).</summary>
    public double Volatility { get; init; } = 0.15;

    /// <summary>Days from the session to the options' expiry.</summary>
    public double DaysToExpiry { get; init; } = 4;

    /// <summary>Background actions (add, cancel, modify, trade) per second of event time on the future.</summary>
    public double FutureActionsPerSecond { get; init; } = 4000;

    /// <summary>Background actions per second on an at-the-money option; decays by e per <see cref="OptionActivityDecayStrikes"/>.</summary>
    public double AtmOptionActionsPerSecond { get; init; } = 300;

    /// <summary>Strikes from the money over which option activity and resting depth fall by a factor e.</summary>
    public double OptionActivityDecayStrikes { get; init; } = 5;

    /// <summary>Resting orders the future's book holds on average (both sides).</summary>
    public int FutureRestingOrders { get; init; } = 5000;

    /// <summary>Resting orders an at-the-money option holds on average; far strikes hold fewer (at least 100).</summary>
    public int AtmOptionRestingOrders { get; init; } = 1000;

    /// <summary>Share of background actions that are trades on the future.</summary>
    public double FutureTradeShare { get; init; } = 0.012;

    /// <summary>Share of background actions that are trades on an option.</summary>
    public double OptionTradeShare { get; init; } = 0.02;

    /// <summary>One-tick moves of the future's fair price per second (a reflected random walk); options follow it.</summary>
    public double FutureMovesPerSecond { get; init; } = 1.5;

    /// <summary>How often each episode kind starts.</summary>
    public EpisodeRates Episodes { get; init; } = new();

    /// <summary>Minimum quiet time on an instrument after one episode ends before another may start there.</summary>
    public TimeSpan EpisodeGap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The future's instrument id followed by 2·(2·<see cref="StrikesEachSide"/>+1) option ids.</summary>
    public int InstrumentCount => 1 + 2 * (2 * StrikesEachSide + 1);

    /// <summary>
    /// Rejects options the model cannot honour, naming the option and the allowed range, so a bad
    /// configuration fails at start instead of producing a nonsense market.
    /// </summary>
    public void Validate()
    {
        Require(Duration > TimeSpan.Zero, nameof(Duration), $"must be positive, got {Duration}");
        Require(MaxEvents >= 1, nameof(MaxEvents), $"must be at least 1, got {MaxEvents}");
        Require(SessionStartNs >= 0, nameof(SessionStartNs), $"must be a time at or after 1970-01-01, got {SessionStartNs}");
        Require(!string.IsNullOrWhiteSpace(FutureSymbol), nameof(FutureSymbol), "must not be empty");
        Require(FutureTickSize > 0, nameof(FutureTickSize), $"must be positive, got {FutureTickSize}");
        Require(OptionTickSize > 0, nameof(OptionTickSize), $"must be positive, got {OptionTickSize}");
        Require(FuturePrice / Math.Max(1, FutureTickSize) is >= 5000 and <= 1_000_000_000, nameof(FuturePrice),
            $"must be between 5,000 and 1,000,000,000 ticks of {nameof(FutureTickSize)}, got {FuturePrice}");
        Require(Multiplier > 0, nameof(Multiplier), $"must be positive, got {Multiplier}");
        Require(StrikesEachSide is >= 0 and <= 100, nameof(StrikesEachSide), $"must be between 0 and 100, got {StrikesEachSide}");
        Require(StrikeSpacing > 0, nameof(StrikeSpacing), $"must be positive, got {StrikeSpacing}");
        Require((long)StrikesEachSide * StrikeSpacing < FuturePrice / 2, nameof(StrikeSpacing),
            $"× {nameof(StrikesEachSide)} must stay below half the future price, got {StrikesEachSide} × {StrikeSpacing}");
        Require(FutureInstrumentId <= uint.MaxValue - (uint)InstrumentCount, nameof(FutureInstrumentId),
            $"leaves no room for {InstrumentCount - 1} option ids after {FutureInstrumentId}");
        Require(Volatility is > 0.001 and <= 5, nameof(Volatility), $"must be in (0.001, 5], got {Volatility}");
        Require(DaysToExpiry is > 0.01 and <= 3650, nameof(DaysToExpiry), $"must be in (0.01, 3650], got {DaysToExpiry}");
        Require(FutureActionsPerSecond is >= 1 and <= 10_000_000, nameof(FutureActionsPerSecond), $"must be between 1 and 10,000,000, got {FutureActionsPerSecond}");
        Require(AtmOptionActionsPerSecond is >= 0.01 and <= 10_000_000, nameof(AtmOptionActionsPerSecond), $"must be between 0.01 and 10,000,000, got {AtmOptionActionsPerSecond}");
        Require(OptionActivityDecayStrikes is >= 0.1 and <= 1000, nameof(OptionActivityDecayStrikes), $"must be between 0.1 and 1000, got {OptionActivityDecayStrikes}");
        Require(FutureRestingOrders is >= 100 and <= 1_000_000, nameof(FutureRestingOrders), $"must be between 100 and 1,000,000, got {FutureRestingOrders}");
        Require(AtmOptionRestingOrders is >= 100 and <= 1_000_000, nameof(AtmOptionRestingOrders), $"must be between 100 and 1,000,000, got {AtmOptionRestingOrders}");
        Require(FutureTradeShare is >= 0 and <= 0.5, nameof(FutureTradeShare), $"must be between 0 and 0.5, got {FutureTradeShare}");
        Require(OptionTradeShare is >= 0 and <= 0.5, nameof(OptionTradeShare), $"must be between 0 and 0.5, got {OptionTradeShare}");
        Require(FutureMovesPerSecond is >= 0 and <= 1000, nameof(FutureMovesPerSecond), $"must be between 0 and 1000, got {FutureMovesPerSecond}");
        Require(Episodes is not null, nameof(Episodes), "must not be null");
        foreach (var kind in EpisodeKinds.All)
        {
            var rate = Episodes!.PerMinute(kind);
            Require(rate is >= 0 and <= 600, $"{nameof(Episodes)}.{EpisodeKinds.RateName(kind)}", $"must be between 0 and 600 per minute, got {rate}");
        }
        Require(EpisodeGap >= TimeSpan.Zero && EpisodeGap <= TimeSpan.FromHours(1), nameof(EpisodeGap), $"must be between 0 and 1 hour, got {EpisodeGap}");
    }

    private static void Require(bool ok, string name, string problem)
    {
        if (!ok) throw new ArgumentException($"simulator option {name} {problem}", name);
    }
}
