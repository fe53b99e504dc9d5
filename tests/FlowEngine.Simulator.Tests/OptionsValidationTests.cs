namespace FlowEngine.Simulator.Tests;

public sealed class OptionsValidationTests
{
    public static TheoryData<SimulatorOptions, string> BadOptions => new()
    {
        { new SimulatorOptions { Duration = TimeSpan.Zero }, "Duration must be positive" },
        { new SimulatorOptions { MaxEvents = 0 }, "MaxEvents must be at least 1" },
        { new SimulatorOptions { StrikesEachSide = -1 }, "StrikesEachSide must be between 0 and 100, got -1" },
        { new SimulatorOptions { StrikesEachSide = 101 }, "StrikesEachSide must be between 0 and 100, got 101" },
        { new SimulatorOptions { FutureTickSize = 0 }, "FutureTickSize must be positive" },
        { new SimulatorOptions { FuturePrice = 1_000_000_000 }, "FuturePrice must be between 5,000 and 1,000,000,000 ticks" },
        { new SimulatorOptions { StrikeSpacing = 500_000_000_000 }, "StrikeSpacing × StrikesEachSide must stay below half the future price" },
        { new SimulatorOptions { FutureSymbol = " " }, "FutureSymbol must not be empty" },
        { new SimulatorOptions { Volatility = 0 }, "Volatility must be in (0.001, 5]" },
        { new SimulatorOptions { FutureActionsPerSecond = 0.5 }, "FutureActionsPerSecond must be between 1 and 10,000,000" },
        { new SimulatorOptions { FutureRestingOrders = 10 }, "FutureRestingOrders must be between 100 and 1,000,000, got 10" },
        { new SimulatorOptions { FutureTradeShare = 0.9 }, "FutureTradeShare must be between 0 and 0.5" },
        { new SimulatorOptions { FutureMovesPerSecond = -1 }, "FutureMovesPerSecond must be between 0 and 1000" },
        { new SimulatorOptions { EpisodeGap = TimeSpan.FromSeconds(-1) }, "EpisodeGap must be between 0 and 1 hour" },
        { new SimulatorOptions { Episodes = new EpisodeRates { IcebergsPerMinute = -2 } }, "Episodes.IcebergsPerMinute must be between 0 and 600 per minute, got -2" },
        { new SimulatorOptions { Episodes = new EpisodeRates { CallPutPairsPerMinute = double.NaN } }, "Episodes.CallPutPairsPerMinute must be between 0 and 600" },
        { new SimulatorOptions { FutureInstrumentId = uint.MaxValue - 3 }, "FutureInstrumentId leaves no room for 42 option ids" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_options_are_rejected_with_a_message_naming_the_option(SimulatorOptions options, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MarketSimulator(options));
        Assert.Contains("simulator option " + expected, ex.Message);
    }

    [Fact]
    public void Null_options_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new MarketSimulator(null!));
    }

    [Fact]
    public void A_chain_without_options_still_runs_the_future()
    {
        var sim = new MarketSimulator(new SimulatorOptions { StrikesEachSide = 0, Duration = TimeSpan.FromSeconds(5) });
        Assert.Equal(3, sim.Definitions.Count);
        Assert.True(StreamDigest.Of(sim).Count > 20_000);
    }
}
