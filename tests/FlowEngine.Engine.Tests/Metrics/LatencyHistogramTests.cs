using FlowEngine.Engine.Metrics;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Metrics;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 0.1, 1, 25, 50, 90, 99, 99.9, 99.99, 100];

    /// <summary>Nearest-rank percentile of a sorted array, computed independently of the histogram.</summary>
    private static long TruePercentile(long[] sorted, double p)
    {
        if (p <= 0)
            return sorted[0];
        var rank = (long)Math.Ceiling((decimal)p * sorted.Length / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    [Fact]
    public void Buckets_are_contiguous_and_cover_every_value()
    {
        Assert.Equal(3840, LatencyHistogram.BucketCount);
        for (var i = 1; i < LatencyHistogram.BucketCount; i++)
        {
            Assert.Equal(LatencyHistogram.HighestValueOfBucket(i - 1) + 1, LatencyHistogram.LowestValueOfBucket(i));
            Assert.Equal(i, LatencyHistogram.BucketIndex(LatencyHistogram.LowestValueOfBucket(i)));
            Assert.Equal(i, LatencyHistogram.BucketIndex(LatencyHistogram.HighestValueOfBucket(i)));
        }
        Assert.Equal(LatencyHistogram.HighestTrackableValue, LatencyHistogram.HighestValueOfBucket(LatencyHistogram.BucketCount - 1));
    }

    [Fact]
    public void Bucket_width_is_within_one_128th_of_its_values()
    {
        for (var i = 256; i < LatencyHistogram.BucketCount; i++)
        {
            var low = LatencyHistogram.LowestValueOfBucket(i);
            var width = LatencyHistogram.HighestValueOfBucket(i) - low + 1;
            Assert.True(width * 128 <= low, $"bucket {i}: width {width} at {low}");
        }
    }

    [Fact]
    public void Percentiles_match_a_sorted_array_within_the_relative_error_bound()
    {
        // Latencies spread log-uniformly from 1 ns to about 34 s, plus duplicates from small ranges.
        var value = Gen.Choose(0, 35_000).Select(x => (long)Math.Pow(2, x / 1000.0));
        var samples = Gen.NonEmptyListOf(value).Select(l => l.ToArray());
        var property = Prop.ForAll(samples.ToArbitrary(), values =>
        {
            var h = new LatencyHistogram();
            foreach (var v in values)
                h.Record(v);
            var sorted = (long[])values.Clone();
            Array.Sort(sorted);
            foreach (var p in Percentiles)
            {
                var truth = TruePercentile(sorted, p);
                var estimate = h.ValueAtPercentile(p);
                // Never under-reports, over-reports by less than 1/128 of the value (exact below 256 ns).
                if (estimate < truth || estimate - truth > truth / 128)
                    throw new InvalidOperationException($"p{p}: estimate {estimate}, true {truth}, n {values.Length}");
            }
            return h.Max == sorted[^1] && h.Min == sorted[0] && h.TotalCount == values.Length;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Summary_of_one_to_a_million_is_within_bounds()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 1_000_000; v++)
            h.Record(v);
        var s = h.Summarize();
        Assert.Equal(1_000_000, s.Count);
        Assert.Equal(1, s.Min);
        Assert.Equal(1_000_000, s.Max);
        Assert.Equal(500_000.5, s.Mean, 3);
        Assert.InRange(s.P50, 500_000, 500_000 + 500_000 / 128);
        Assert.InRange(s.P90, 900_000, 900_000 + 900_000 / 128);
        Assert.InRange(s.P99, 990_000, 990_000 + 990_000 / 128);
        Assert.InRange(s.P999, 999_000, 1_000_000);
    }

    [Fact]
    public void Out_of_range_values_are_clamped_but_max_stays_exact()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(100L * 1_000_000_000); // 100 s, beyond the trackable range
        Assert.Equal(0, h.Min);
        Assert.Equal(100L * 1_000_000_000, h.Max);
        Assert.Equal(0, h.ValueAtPercentile(50));
        Assert.Equal(100L * 1_000_000_000, h.ValueAtPercentile(100));
        Assert.Equal(LatencyHistogram.HighestTrackableValue, h.ValueAtPercentile(99));
    }

    [Fact]
    public void Merge_equals_recording_everything_in_one_histogram()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        var rng = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var v = (long)Math.Pow(2, rng.NextDouble() * 30);
            (i % 3 == 0 ? a : b).Record(v);
            all.Record(v);
        }
        var viaSnapshot = new LatencyHistogram();
        viaSnapshot.Merge(a.Snapshot());
        viaSnapshot.Merge(b.Snapshot());
        a.Merge(b);
        Assert.Equal(all.Summarize(), a.Summarize());
        Assert.Equal(all.Summarize(), viaSnapshot.Summarize());
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        var h = new LatencyHistogram();
        h.Record(1000);
        h.Reset();
        Assert.Equal(0, h.TotalCount);
        Assert.Equal(0, h.Max);
        Assert.Equal(0, h.ValueAtPercentile(99));
        h.Record(7);
        Assert.Equal(7, h.Min);
    }

    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var s = new LatencyHistogram().Summarize();
        Assert.Equal(default, s);
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var h = new LatencyHistogram();
        for (var i = 0; i < 10_000; i++)
            h.Record(i);
        var snapshot = new LatencySnapshot();
        var windows = 0;
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (long i = 0; i < 1_000_000; i++)
                h.Record(i * 37);
            h.CopyTo(snapshot);
            windows++;
        });
        Assert.True(allocated.Bytes == 0, allocated.ToString());
        Assert.Equal(10_000 + windows * 1_000_000L, snapshot.TotalCount);
    }

    [Fact]
    public async Task Snapshots_taken_while_recording_are_consistent()
    {
        var h = new LatencyHistogram();
        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(() =>
        {
            long n = 0;
            while (!stop.IsCancellationRequested)
                h.Record(1 + (n++ % 1_000_000));
            return n;
        }, TaskCreationOptions.LongRunning);

        var snapshot = new LatencySnapshot();
        long previous = 0;
        var deadline = DateTime.UtcNow.AddMilliseconds(500);
        var reads = 0;
        while (DateTime.UtcNow < deadline || reads < 20)
        {
            h.CopyTo(snapshot);
            reads++;
            Assert.True(snapshot.TotalCount >= previous);
            previous = snapshot.TotalCount;
            if (snapshot.TotalCount == 0)
                continue;
            var s = snapshot.Summarize();
            Assert.True(s.Min <= s.P50 && s.P50 <= s.P90 && s.P90 <= s.P99 && s.P99 <= s.P999 && s.P999 <= s.Max, s.ToString());
            Assert.InRange(s.Max, 1, 1_000_000 + 1_000_000 / 128);
        }
        stop.Cancel();
        var recorded = await writer.WaitAsync(TimeSpan.FromSeconds(30));
        h.CopyTo(snapshot);
        Assert.Equal(recorded, snapshot.TotalCount);
        Assert.Equal(recorded, h.TotalCount);
    }
}
