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
        var labelsBefore = sim.Labels.Count;
        var before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (var i = 0; i < 3_000_000; i++)
        {
            sim.Next(ref e);
            sum += e.Size;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum > 0);
        Assert.True(sim.Labels.Count > labelsBefore, "no episode ran during the measurement, so episodes were not measured");
        Assert.Equal(0, allocated);
    }
}
