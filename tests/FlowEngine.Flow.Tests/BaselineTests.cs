using FlowEngine.Flow.Baselines;
using FlowEngine.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Flow.Tests;

public sealed class BaselineTests
{
    private const long TenSeconds = 10_000_000_000;
    private const long Start = 1_772_461_800_000_000_000; // 14:30 UTC

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    [Fact]
    public void Statistics_match_a_brute_force_computation_over_the_history()
    {
        var value = Gen.Choose(0, 400).Select(v => v / 4.0);
        Prop.ForAll(value.NonEmptyListOf().NonEmptyListOf().ToArbitrary(), value.ToArbitrary(), (sessions, x) =>
        {
            var store = new BaselineStore(new BaselineOptions { MinSessions = 1, MinSamples = 1, SessionsKept = 4, MaxSamplesPerSession = 1000 });
            foreach (var session in sessions)
            {
                foreach (var v in session)
                    store.Record(7, TenSeconds, BaselineMeasure.Imbalance, Start, v);
                store.EndSession();
            }
            var kept = sessions.Skip(Math.Max(0, sessions.Count - 4)).SelectMany(s => s).ToArray();
            var sorted = kept.OrderBy(v => v).ToArray();
            var stats = store.Evaluate(7, TenSeconds, BaselineMeasure.Imbalance, Start, x, zCap: 1e9);

            Assert.Equal(BaselineStatus.Ready, stats.Status);
            Assert.Equal(kept.Length, stats.Samples);
            var mean = kept.Average();
            Assert.Equal(mean, stats.Mean, 9);
            var std = kept.Length < 2 ? 0 : Math.Sqrt(kept.Sum(v => (v - mean) * (v - mean)) / (kept.Length - 1));
            Assert.Equal(std, stats.StdDev, 6);
            var median = Median(sorted);
            Assert.Equal(median, stats.Median);
            var mad = Median(kept.Select(v => Math.Abs(v - median)).OrderBy(v => v).ToArray());
            Assert.Equal(mad, stats.Mad);
            var below = sorted.Count(v => v < x);
            var equal = sorted.Count(v => v == x);
            Assert.Equal(100.0 * (below + 0.5 * equal) / sorted.Length, stats.Percentile, 9);
            if (mad > 0)
                Assert.Equal((x - median) / (1.4826 * mad), stats.RobustZ, 9);
            if (std > 0)
                Assert.Equal((x - mean) / std, stats.Z, 6);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void When_most_of_the_history_is_one_value_the_robust_z_falls_back_and_beyond_all_history_it_is_capped()
    {
        var store = new BaselineStore(new BaselineOptions { MinSessions = 1, MinSamples = 1 });
        foreach (var v in new double[] { 0, 0, 0, 0, 0, 0, 4 })
            store.Record(1, TenSeconds, BaselineMeasure.Absorbed, Start, v);
        store.EndSession();
        var stats = store.Evaluate(1, TenSeconds, BaselineMeasure.Absorbed, Start, 2, zCap: 10);
        Assert.Equal(0, stats.Mad);
        Assert.Equal(2 / (1.2533 * 4.0 / 7), stats.RobustZ, 9); // mean absolute deviation from the median

        var flat = new BaselineStore(new BaselineOptions { MinSessions = 1, MinSamples = 1 });
        flat.Record(1, TenSeconds, BaselineMeasure.Absorbed, Start, 0);
        flat.Record(1, TenSeconds, BaselineMeasure.Absorbed, Start, 0);
        flat.EndSession();
        Assert.Equal(10, flat.Evaluate(1, TenSeconds, BaselineMeasure.Absorbed, Start, 3, 10).RobustZ);
        Assert.Equal(0, flat.Evaluate(1, TenSeconds, BaselineMeasure.Absorbed, Start, 0, 10).RobustZ);
        Assert.Equal(100, flat.Evaluate(1, TenSeconds, BaselineMeasure.Absorbed, Start, 3, 10).Percentile);
    }

    [Fact]
    public void Without_enough_sessions_or_samples_the_baseline_is_warming_up_and_claims_no_figures()
    {
        var store = new BaselineStore(new BaselineOptions { MinSessions = 3, MinSamples = 5 });
        for (var session = 0; session < 2; session++)
        {
            for (var i = 0; i < 10; i++)
                store.Record(1, TenSeconds, BaselineMeasure.Imbalance, Start, i);
            store.EndSession();
        }
        var warm = store.Evaluate(1, TenSeconds, BaselineMeasure.Imbalance, Start, 100, 10);
        Assert.Equal(BaselineStatus.WarmingUp, warm.Status);
        Assert.Equal(2, warm.Sessions);
        Assert.Equal(0, warm.RobustZ);
        Assert.Equal(0, warm.Percentile);
        Assert.Equal(0, warm.Median);
        // A different instrument, or another time of day, has no history at all.
        Assert.Equal(BaselineStatus.WarmingUp, store.Evaluate(2, TenSeconds, BaselineMeasure.Imbalance, Start, 1, 10).Status);

        for (var i = 0; i < 10; i++)
            store.Record(1, TenSeconds, BaselineMeasure.Imbalance, Start, i);
        // Samples of the running session are not history yet.
        Assert.Equal(BaselineStatus.WarmingUp, store.Evaluate(1, TenSeconds, BaselineMeasure.Imbalance, Start, 100, 10).Status);
        store.EndSession();
        Assert.Equal(BaselineStatus.Ready, store.Evaluate(1, TenSeconds, BaselineMeasure.Imbalance, Start, 100, 10).Status);
    }

    [Fact]
    public void Buckets_separate_times_of_day_and_only_the_last_n_sessions_count()
    {
        var options = new BaselineOptions { SessionsKept = 2, MinSessions = 1, MinSamples = 1, BucketMinutes = 30 };
        Assert.Equal(29, options.BucketOf(Start));
        Assert.Equal(30, options.BucketOf(Start + 30L * 60 * 1_000_000_000));
        var store = new BaselineStore(options);
        foreach (var level in new[] { 100.0, 1.0, 2.0 })
        {
            store.Record(1, TenSeconds, BaselineMeasure.Volume, Start, level);
            store.EndSession();
        }
        var stats = store.Evaluate(1, TenSeconds, BaselineMeasure.Volume, Start + 60_000_000_000, 5, 10);
        Assert.Equal(2, stats.Sessions);
        Assert.Equal(1.5, stats.Mean);
        Assert.Equal(BaselineStatus.WarmingUp, store.Evaluate(1, TenSeconds, BaselineMeasure.Volume, Start + 3_600_000_000_000, 5, 10).Status);
    }

    [Fact]
    public void A_long_session_is_thinned_to_every_stride_th_sample_while_moments_use_all()
    {
        Prop.ForAll(Gen.Choose(0, 700).ToArbitrary(), n =>
        {
            var s = new SessionSamples(16);
            for (var i = 0; i < n; i++)
                s.Add(i);
            Assert.Equal(n, s.Count);
            Assert.Equal(n * (n - 1) / 2.0, s.Sum);
            Assert.True(s.KeptCount <= 16);
            var expected = Enumerable.Range(0, n).Where(i => i % s.Stride == 0).Select(i => (double)i).ToArray();
            Assert.Equal(expected, s.Kept.ToArray());
        }).QuickCheckThrowOnFailure();
    }

    private static BaselineStore SampleStore()
    {
        var store = new BaselineStore(new BaselineOptions { MinSessions = 2, MinSamples = 3, MaxSamplesPerSession = 8 });
        var rng = new Random(5);
        for (var session = 0; session < 3; session++)
        {
            for (var i = 0; i < 20; i++)
            {
                store.Record((uint)(1 + i % 3), TenSeconds, (BaselineMeasure)(i % 4), Start + i * TenSeconds, rng.Next(0, 1000) / 7.0);
            }
            store.EndSession();
        }
        return store;
    }

    [Fact]
    public void A_snapshot_round_trips_to_the_same_bytes_and_the_same_scores()
    {
        var store = SampleStore();
        var text = new StringWriter();
        BaselineSnapshot.Save(store, text);
        var loaded = BaselineSnapshot.Load(new StringReader(text.ToString()));
        var again = new StringWriter();
        BaselineSnapshot.Save(loaded, again);

        Assert.Equal(text.ToString(), again.ToString());
        Assert.Equal(store.SessionsEnded, loaded.SessionsEnded);
        foreach (var series in store.SortedSeries())
        {
            var k = series.Key;
            foreach (var x in new[] { 0.0, 13.3, 77.0, 1e6 })
                Assert.Equal(store.Evaluate(k.InstrumentId, k.WindowNs, k.Measure, Start, x, 10), loaded.Evaluate(k.InstrumentId, k.WindowNs, k.Measure, Start, x, 10));
        }

        var path = Path.Combine(Path.GetTempPath(), $"flowengine-baseline-{Guid.NewGuid():N}.txt");
        try
        {
            BaselineSnapshot.Save(store, path);
            Assert.Equal(text.ToString(), File.ReadAllText(path));
            Assert.Equal(text.ToString(), Save(BaselineSnapshot.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Saving_replaces_the_file_whole_and_a_failed_save_leaves_the_old_one_and_no_temporary()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "b.baseline");
        BaselineSnapshot.Save(new BaselineStore(), path);
        var store = SampleStore();
        BaselineSnapshot.Save(store, path);
        Assert.Equal(Save(store), File.ReadAllText(path));
        Assert.Equal(["b.baseline"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));

        // The target is a directory: the rename fails, the temporary file is removed, nothing else changes.
        var blocked = Directory.CreateDirectory(Path.Combine(dir.Path, "blocked.baseline")).FullName;
        Assert.ThrowsAny<IOException>(() => BaselineSnapshot.Save(store, blocked));
        Assert.Equal(["b.baseline", "blocked.baseline"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(blocked));

        Assert.Throws<DirectoryNotFoundException>(() => BaselineSnapshot.Save(store, Path.Combine(dir.Path, "missing", "b.baseline")));
    }

    private static string Save(BaselineStore store)
    {
        var w = new StringWriter();
        BaselineSnapshot.Save(store, w);
        return w.ToString();
    }

    [Theory]
    [InlineData("something else 1\n", "line 1: not a baseline snapshot")]
    [InlineData("flowengine-baseline 9\n", "line 1: unsupported baseline snapshot version 9")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=0 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\n", "line 2: baseline option SessionsKept must be between 1 and 1000, got 0")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=7 min_sessions=1 min_samples=1 max_samples_per_session=8\n", "line 2: baseline option BucketMinutes must divide 1440")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 1\nseries 1 10000000000 imbalance 29 1\nsession 2 3 5 1 1 x\nend\n", "line 5: bad kept sample 'x'")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 1\nseries 1 10000000000 imbalance 29 1\nsession 3 3 5 1 1 2\nend\n", "line 5: 2 kept samples do not match count 3 at stride 1")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 1\nseries 1 10000000000 volume 29 1\nsession 1 1 1 1 1\nseries 1 10000000000 imbalance 29 1\nsession 1 1 1 1 1\nend\n", "line 6: series are not in ascending key order")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 1\nseries 1 10000000000 pressure 29 1\n", "line 4: unknown measure 'pressure'")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 1\nseries 1 10000000000 imbalance 29 1\n", "line 5: unexpected end of file, expected a 'session' line")]
    [InlineData("flowengine-baseline 1\noptions sessions_kept=20 bucket_minutes=30 min_sessions=1 min_samples=1 max_samples_per_session=8\nsessions_ended 0\nend\nmore\n", "line 5: content after 'end'")]
    public void A_damaged_snapshot_is_rejected_naming_the_line_and_the_problem(string text, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => BaselineSnapshot.Load(new StringReader(text), "base.txt"));
        Assert.StartsWith("base.txt: ", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
