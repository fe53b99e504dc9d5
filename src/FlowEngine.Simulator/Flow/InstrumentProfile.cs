using FlowEngine.Market.Instruments;
using FlowEngine.Simulator.Randomness;

namespace FlowEngine.Simulator.Flow;

/// <summary>
/// The fixed, per-instrument parameters of the background model, derived once from the options: how busy
/// the instrument is, how deep its book is, its spread and how fast its quotes are pulled on a price move.
/// Options are busier and deeper near the money (both decay by e per <see cref="SimulatorOptions.OptionActivityDecayStrikes"/>
/// strikes) and wider away from it.
/// </summary>
internal sealed class InstrumentProfile
{
    /// <summary>The published definition.</summary>
    public required InstrumentDefinition Definition { get; init; }
    /// <summary>True for the underlying future.</summary>
    public required bool IsFuture { get; init; }
    /// <summary>True for a call (false for a put or the future).</summary>
    public required bool IsCall { get; init; }
    /// <summary>Strike in price points (0 for the future).</summary>
    public required double StrikePoints { get; init; }
    /// <summary>Strike index from −n to n, 0 at the money (0 for the future).</summary>
    public required int StrikeOffset { get; init; }
    /// <summary>Background actions per second of event time.</summary>
    public required double ActionsPerSecond { get; init; }
    /// <summary>Average number of resting orders.</summary>
    public required int TargetOrders { get; init; }
    /// <summary>Share of background actions that are trades.</summary>
    public required double TradeShare { get; init; }
    /// <summary>Quoted spread in ticks.</summary>
    public required int Spread { get; init; }
    /// <summary>Opening target bid in ticks.</summary>
    public required int OpeningBid { get; init; }
    /// <summary>Distance from the touch (in ticks) of new orders: most join at or near the touch.</summary>
    public required DiscreteSampler Depth { get; init; }
    /// <summary>Mean time between quote pulls while the price moves a tick, in ns.</summary>
    public required double ClearStepMeanNs { get; init; }
    /// <summary>Share of quote-pull steps that are small trades instead of cancels.</summary>
    public required double ClearTradeShare { get; init; }

    /// <summary>Background trades per second on one side (aggressor buys or sells).</summary>
    public double TradesPerSecondPerSide => ActionsPerSecond * TradeShare / 2;
}
