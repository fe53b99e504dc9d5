using FlowEngine.Flow.Pressure;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Flow.Tests;

public sealed class RollingSizePercentileTests
{
    private static long NearestRank(IReadOnlyList<uint> window, double percentile)
    {
        var sorted = window.OrderBy(x => x).ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Max(1, rank) - 1];
    }

    [Fact]
    public void Threshold_is_the_nearest_rank_percentile_of_the_last_n_sizes()
    {
        Prop.ForAll(Gen.Choose(1, 255).ListOf().ToArbitrary(), Gen.Choose(16, 80).ToArbitrary(), (sizes, history) =>
        {
            var p = new RollingSizePercentile(history, 95, minSamples: 8);
            var window = new List<uint>();
            foreach (var size in sizes)
            {
                p.Add((uint)size);
                window.Add((uint)size);
                if (window.Count > history)
                    window.RemoveAt(0);
            }
            p.Recompute();
            if (window.Count < 8)
            {
                Assert.Equal(long.MaxValue, p.Threshold);
                return;
            }
            Assert.Equal(NearestRank(window, 95), p.Threshold);
            Assert.Equal(NearestRank(window, 50), p.ValueAt(50));
            Assert.Equal(window.Count, p.Count);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sizes_above_255_fall_in_bins_whose_lower_edge_is_within_a_sixteenth_of_a_doubling()
    {
        foreach (var size in new uint[] { 256, 300, 1000, 4097, 1_000_000, uint.MaxValue })
        {
            var edge = RollingSizePercentile.LowerEdge(RollingSizePercentile.Bin(size));
            Assert.InRange(edge, size - size / 16 - 1, size);
        }
        Assert.Equal(255, RollingSizePercentile.LowerEdge(RollingSizePercentile.Bin(255)));
    }
}
