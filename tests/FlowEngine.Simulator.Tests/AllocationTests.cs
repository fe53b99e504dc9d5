using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void Generating_events_allocates_nothing_after_warm_up()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 77, Duration = TimeSpan.FromHours(2) });
        var e = new MboEvent();
        for (var i = 0; i < 1_500_000; i++) Assert.True(sim.Next(ref e));
        // Each window is the next 3,000,000 events of the same session; the one that gives the verdict must run episodes.
        var episodes = new List<int>(SteadyAllocation.Windows); // sized up front: Add must not allocate inside a window
        long sum = 0;
        var allocated = SteadyAllocation.Measure(() =>
        {
            var labelsBefore = sim.Labels.Count;
            for (var i = 0; i < 3_000_000; i++)
            {
                if (!sim.Next(ref e))
                    throw new InvalidOperationException("the session ended inside a measured window");
                sum += e.Size;
            }
            episodes.Add(sim.Labels.Count - labelsBefore);
        });
        Assert.True(sum > 0);
        Assert.True(allocated.Bytes == 0, allocated.ToString());
        Assert.True(episodes[^1] > 0, "no episode ran during the measurement, so episodes were not measured");
    }
}
