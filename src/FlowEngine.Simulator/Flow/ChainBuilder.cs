using System.Globalization;
using FlowEngine.Market.Instruments;
using FlowEngine.Simulator.Randomness;

namespace FlowEngine.Simulator.Flow;

/// <summary>
/// Builds the instrument universe from the options: the future first, then for each strike in ascending
/// order its call and then its put. That order is the order of the definitions, of the books and of the
/// opening snapshot, and option ids follow the future's id in it.
/// </summary>
internal static class ChainBuilder
{
    private const double NsPerDay = 86_400e9;

    /// <summary>Profiles (with definitions) for every instrument, in publication order.</summary>
    public static InstrumentProfile[] Build(SimulatorOptions o)
    {
        var profiles = new InstrumentProfile[o.InstrumentCount];
        var futureTickPoints = o.FutureTickSize / 1e9;
        var optionTickPoints = o.OptionTickSize / 1e9;
        var futureBid = (int)(o.FuturePrice / o.FutureTickSize);
        var futurePoints = futureBid * futureTickPoints;
        var futureDepth = new DiscreteSampler(DiscreteSampler.GeometricWeights(0.06, 0, 60));
        var optionDepth = new DiscreteSampler(DiscreteSampler.GeometricWeights(0.10, 0, 40));

        profiles[0] = new InstrumentProfile
        {
            Definition = new InstrumentDefinition
            {
                InstrumentId = o.FutureInstrumentId,
                RawSymbol = o.FutureSymbol,
                Class = InstrumentClass.Future,
                TickSize = o.FutureTickSize,
                Multiplier = o.Multiplier,
                Currency = "USD",
                Expiration = o.SessionStartNs + (long)(120 * NsPerDay),
                TsRecv = o.SessionStartNs,
            },
            IsFuture = true,
            IsCall = false,
            StrikePoints = 0,
            StrikeOffset = 0,
            ActionsPerSecond = o.FutureActionsPerSecond,
            TargetOrders = o.FutureRestingOrders,
            TradeShare = o.FutureTradeShare,
            Spread = 1,
            OpeningBid = futureBid,
            Depth = futureDepth,
            ClearStepMeanNs = 1_000_000,
            ClearTradeShare = 0.15,
        };

        var model = new OptionModel(futurePoints, o.Volatility, o.DaysToExpiry);
        var atm = (long)Math.Round((double)o.FuturePrice / o.StrikeSpacing) * o.StrikeSpacing;
        var futureMid = futurePoints + futureTickPoints / 2;
        var index = 1;
        for (var k = -o.StrikesEachSide; k <= o.StrikesEachSide; k++)
        {
            var strike = atm + k * o.StrikeSpacing;
            var strikePoints = strike / 1e9;
            var distance = Math.Abs(k);
            var decay = DeterministicMath.Exp(-distance / o.OptionActivityDecayStrikes);
            var spread = 1 + distance / 4;
            for (var c = 0; c < 2; c++)
            {
                var isCall = c == 0;
                var mid = model.Premium(futureMid, strikePoints, isCall) / optionTickPoints;
                profiles[index] = new InstrumentProfile
                {
                    Definition = new InstrumentDefinition
                    {
                        InstrumentId = o.FutureInstrumentId + (uint)index,
                        RawSymbol = $"{o.FutureSymbol} {(isCall ? 'C' : 'P')}{FormatStrike(strike)}",
                        Class = isCall ? InstrumentClass.Call : InstrumentClass.Put,
                        StrikePrice = strike,
                        Underlying = o.FutureSymbol,
                        TickSize = o.OptionTickSize,
                        Multiplier = o.Multiplier,
                        Currency = "USD",
                        Expiration = o.SessionStartNs + (long)(o.DaysToExpiry * NsPerDay),
                        TsRecv = o.SessionStartNs,
                    },
                    IsFuture = false,
                    IsCall = isCall,
                    StrikePoints = strikePoints,
                    StrikeOffset = k,
                    ActionsPerSecond = o.AtmOptionActionsPerSecond * decay,
                    TargetOrders = Math.Max(100, (int)(o.AtmOptionRestingOrders * decay)),
                    TradeShare = o.OptionTradeShare,
                    Spread = spread,
                    OpeningBid = QuoteDynamics.BidForMid(mid, spread),
                    Depth = optionDepth,
                    ClearStepMeanNs = 40_000,
                    ClearTradeShare = 0.05,
                };
                index++;
            }
        }
        return profiles;
    }

    private static string FormatStrike(long strike) => (strike / 1e9).ToString("0.#########", CultureInfo.InvariantCulture);
}
