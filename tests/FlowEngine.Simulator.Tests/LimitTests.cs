using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Tests;

public sealed class LimitTests
{
    [Fact]
    public void MaxEvents_stops_the_stream_at_exactly_that_many_records()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 3, Duration = TimeSpan.FromDays(1), MaxEvents = 123_457 });
        Assert.Equal(123_457, StreamDigest.Of(sim).Count);
        Assert.True(sim.IsFinished);
        var e = new MboEvent();
        Assert.False(sim.Next(ref e));
        Assert.Equal(123_457, sim.EventsEmitted);
    }

    [Fact]
    public void Duration_bounds_event_time_and_the_stream_then_stays_finished()
    {
        var o = new SimulatorOptions { Seed = 3, Duration = TimeSpan.FromSeconds(3) };
        var sim = new MarketSimulator(o);
        var e = new MboEvent();
        long last = 0;
        while (sim.Next(ref e)) last = e.TsRecv;
        Assert.True(sim.IsFinished);
        Assert.InRange(last, o.SessionStartNs + 2_900_000_000L, o.SessionStartNs + 3_000_000_000L);
        for (var i = 0; i < 3; i++) Assert.False(sim.Next(ref e));
    }

    [Fact]
    public void Zero_episode_rates_give_background_only()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 3, Duration = TimeSpan.FromSeconds(60), Episodes = EpisodeRates.None });
        var checker = new StreamChecker();
        var e = new MboEvent();
        while (sim.Next(ref e)) checker.Observe(e);
        Assert.Empty(sim.Labels);
        Assert.Equal(0, checker.MultiLevelTrades); // only episodes sweep: background never trades through a level
        Assert.Empty(checker.Problems);
    }

    [Fact]
    public void Higher_episode_rates_give_more_episodes()
    {
        static int Count(double perMinute) => Run(new EpisodeRates
        {
            SweepsPerMinute = perMinute, IcebergsPerMinute = 0, AccumulationsPerMinute = 0,
            TwoSidedQuotingPerMinute = 0, CallPutPairsPerMinute = 0,
        });
        static int Run(EpisodeRates rates)
        {
            var sim = new MarketSimulator(new SimulatorOptions { Seed = 8, Duration = TimeSpan.FromMinutes(3), Episodes = rates });
            StreamDigest.Of(sim);
            Assert.All(sim.Labels, l => Assert.Equal(EpisodeKind.Sweep, l.Kind));
            return sim.Labels.Count;
        }
        var few = Count(2);
        var many = Count(12);
        Assert.InRange(few, 2, 12);
        Assert.True(many >= 3 * few, $"12/min gave {many} sweeps, 2/min gave {few}");
    }

    [Fact]
    public void A_run_stopped_early_still_has_labels_that_end_at_or_before_the_last_record()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 4, MaxEvents = 900_000 });
        var e = new MboEvent();
        long last = 0;
        while (sim.Next(ref e)) last = e.TsRecv;
        Assert.NotEmpty(sim.Labels);
        Assert.All(sim.Labels, l => Assert.True(l.EndNs <= last && l.StartNs <= l.EndNs));
    }
}
