using FlowEngine.Market.Events;
using Xunit.Abstractions;

namespace FlowEngine.Simulator.Tests;

/// <summary>The documented ranges of the background model (README "Model"), measured on the default session.</summary>
[Collection(SessionCollection.Name)]
public sealed class DistributionTests(SessionFixture session, ITestOutputHelper output)
{
    [Fact]
    public void Event_rates_match_the_configured_activity()
    {
        var seconds = session.SessionSeconds;
        var future = session.VenueEventsByInstrument[session.Options.FutureInstrumentId] / seconds;
        var total = session.VenueEvents / seconds;
        var recordsPerSecond = session.LiveRecords / seconds;
        output.WriteLine($"future {future:F0} venue events/s, all {total:F0}/s, records {recordsPerSecond:F0}/s over {seconds:F1} s");
        Assert.InRange(seconds, 599, 600);
        Assert.InRange(future, 4_000, 5_500);
        Assert.InRange(total, 8_500, 11_000);
        Assert.InRange(recordsPerSecond, 9_000, 12_500);
    }

    [Fact]
    public void Inter_arrival_times_are_exponential_like()
    {
        var gaps = session.Gaps;
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean)));
        var cv = sd / mean;
        var zero = gaps.Count(g => g == 0) / (double)gaps.Count;
        output.WriteLine($"mean gap {mean / 1000:F1} µs, cv {cv:F2}, same-timestamp share {zero:P2}");
        Assert.InRange(mean, 85_000, 120_000);
        Assert.InRange(cv, 0.9, 1.4); // exponential: cv = 1; bursts (quote pulls, episodes) push it up a little
        Assert.True(zero < 0.01);
    }

    [Fact]
    public void Order_sizes_are_mostly_small_with_round_lots()
    {
        var sizes = session.AddSizes;
        var mean = sizes.Average(s => (double)s);
        var ones = sizes.Count(s => s == 1) / (double)sizes.Count;
        var round = sizes.Count(s => s is 10 or 20 or 25 or 50 or 100) / (double)sizes.Count;
        output.WriteLine($"adds {sizes.Count}, mean size {mean:F2}, 1-lots {ones:P1}, round lots {round:P1}, max {sizes.Max()}");
        Assert.InRange(mean, 2.5, 6);
        Assert.InRange(ones, 0.25, 0.40);
        Assert.InRange(round, 0.03, 0.12);
        Assert.True(sizes.Max() <= 150);
    }

    [Fact]
    public void Background_trades_are_small_and_frequent()
    {
        var single = session.TradeRecords.GroupBy(t => t.Sequence).Where(g => g.Count() == 1).Select(g => g.First()).ToList();
        var futureTrades = single.Count(t => t.InstrumentId == session.Options.FutureInstrumentId) / session.SessionSeconds;
        var mean = single.Average(t => (double)t.Size);
        var buys = single.Count(t => t.Side == MboSide.Bid) / (double)single.Count;
        output.WriteLine($"single-level trades {single.Count}, future {futureTrades:F1}/s, mean size {mean:F2}, buy share {buys:P1}");
        Assert.InRange(futureTrades, 40, 120);
        Assert.InRange(mean, 1.8, 4.5);
        Assert.InRange(buys, 0.45, 0.55);
    }

    [Fact]
    public void Most_activity_is_near_the_touch()
    {
        var d = session.FutureAddDistance;
        var near = d.Count(x => x <= 5) / (double)d.Count;
        var far = d.Count(x => x > 60) / (double)d.Count;
        output.WriteLine($"future adds within 5 ticks of the touch {near:P1}, beyond 60 ticks {far:P2}");
        Assert.InRange(near, 0.25, 0.6);
        Assert.True(far < 0.05);
    }

    [Fact]
    public void Books_keep_thousands_of_resting_orders_on_the_future_and_hundreds_on_options()
    {
        var future = session.LiveAtEnd[session.Options.FutureInstrumentId];
        var atmCall = session.LiveAtEnd[session.Definitions[1 + 2 * session.Options.StrikesEachSide].InstrumentId];
        var fewest = session.LiveAtEnd.Values.Min();
        output.WriteLine($"resting at end: future {future}, at-the-money call {atmCall}, fewest {fewest}");
        Assert.InRange(future, 4_000, 6_000);
        Assert.InRange(atmCall, 600, 1_400);
        Assert.True(fewest >= 80);
    }

    [Fact]
    public void The_future_price_wanders_but_stays_near_the_open()
    {
        var tick = session.Options.FutureTickSize;
        var range = (session.FutureMaxBid - session.FutureMinBid) / tick;
        var open = session.Options.FuturePrice;
        output.WriteLine($"future best bid ranged {range} ticks ({session.FutureMinBid / 1e9:F2} to {session.FutureMaxBid / 1e9:F2})");
        Assert.InRange(range, 8, 400);
        Assert.True(session.FutureMinBid > open - 400 * tick && session.FutureMaxBid < open + 400 * tick);
    }
}
