using FlowEngine.Simulator.Flow;
using FlowEngine.Simulator.Randomness;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Simulator.Tests;

/// <summary>The small numeric building blocks the stream's determinism and realism rest on.</summary>
public sealed class ComponentTests
{
    [Fact]
    public void Our_log_and_exp_agree_with_the_runtime_to_1e_13()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<NormalFloat>(), x =>
        {
            var v = Math.Abs(x.Get) + 1e-300;
            var ok = Math.Abs(DeterministicMath.Log(v) - Math.Log(v)) <= 1e-13 * Math.Max(1, Math.Abs(Math.Log(v)));
            var y = Math.Clamp(x.Get, -700, 700);
            return ok && Math.Abs(DeterministicMath.Exp(y) - Math.Exp(y)) <= 1e-13 * Math.Exp(y);
        }));
    }

    [Fact]
    public void The_normal_distribution_matches_known_values()
    {
        Assert.Equal(0.5, DeterministicMath.NormalCdf(0), 1e-7);
        Assert.Equal(0.841344746, DeterministicMath.NormalCdf(1), 1e-7);
        Assert.Equal(0.022750132, DeterministicMath.NormalCdf(-2), 1e-7);
        Assert.Equal(0.398942280, DeterministicMath.NormalPdf(0), 1e-9);
    }

    [Fact]
    public void Table_exponentials_match_minus_log_u()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), r =>
        {
            var u = Math.Max(r, 1UL) / 18446744073709551616.0;
            return Math.Abs(ExponentialTable.Sample(r) + Math.Log(u)) < 2e-7;
        }));
        var rng = new Xoshiro256StarStar(1);
        double sum = 0, sumSq = 0;
        const int n = 400_000;
        for (var i = 0; i < n; i++)
        {
            var x = ExponentialTable.Sample(rng.NextU64());
            sum += x;
            sumSq += x * x;
        }
        Assert.Equal(1.0, sum / n, 0.01);
        Assert.Equal(1.0, sumSq / n - (sum / n) * (sum / n), 0.03);
    }

    [Fact]
    public void The_generator_is_a_pure_function_of_its_seed()
    {
        var a = new Xoshiro256StarStar(5);
        var b = new Xoshiro256StarStar(5);
        var c = new Xoshiro256StarStar(6);
        var same = 0;
        for (var i = 0; i < 1000; i++)
        {
            var x = a.NextU64();
            Assert.Equal(x, b.NextU64());
            if (x == c.NextU64()) same++;
        }
        Assert.Equal(0, same);
        var bits = 0L;
        for (var i = 0; i < 10_000; i++) bits += System.Numerics.BitOperations.PopCount(a.NextU64());
        Assert.InRange(bits / 10_000.0, 31.5, 32.5);
    }

    [Fact]
    public void The_alias_table_picks_in_proportion_to_the_weights()
    {
        double[] weights = [4000, 300, 10, 0.5, 120];
        var table = new AliasTable(weights);
        var rng = new Xoshiro256StarStar(2);
        var counts = new int[weights.Length];
        const int n = 2_000_000;
        for (var i = 0; i < n; i++) counts[table.Sample(rng)]++;
        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            Assert.Equal(weights[i] / total, counts[i] / (double)n, 0.002);
    }

    [Fact]
    public void The_discrete_sampler_reproduces_its_distribution()
    {
        var weights = DiscreteSampler.GeometricWeights(0.35, 1, 40);
        var sampler = new DiscreteSampler(weights);
        var expectedMean = 1 / 0.35; // 1 + Geometric(0.35) failures
        Assert.Equal(expectedMean, sampler.Mean, 0.05);
        var rng = new Xoshiro256StarStar(3);
        var ones = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++) if (sampler.Sample(rng) == 1) ones++;
        Assert.Equal(0.35, ones / (double)n, 0.01);
        Assert.Throws<ArgumentException>(() => new DiscreteSampler(new double[3]));
    }

    [Fact]
    public void Timers_pop_in_time_order_with_ties_broken_by_id()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), times =>
        {
            var queue = new TimerQueue(times.Length);
            for (var id = 0; id < times.Length; id++) queue.Schedule(id, times[id] / 4);
            var expected = Enumerable.Range(0, times.Length).OrderBy(id => times[id] / 4).ThenBy(id => id).ToList();
            var popped = new List<int>();
            while (queue.Count > 0) popped.Add(queue.Pop());
            return popped.SequenceEqual(expected);
        }));
        var q = new TimerQueue(2);
        q.Schedule(1, 10);
        Assert.Throws<InvalidOperationException>(() => q.Schedule(1, 20));
    }

    [Fact]
    public void Option_premiums_follow_put_call_parity_and_move_with_the_future()
    {
        var model = new OptionModel(6800, 0.15, 4);
        var call = model.Premium(6800, 6800, isCall: true);
        var put = model.Premium(6800, 6800, isCall: false);
        Assert.Equal(call, put, 1e-9);
        Assert.InRange(call, 35, 50); // 0.4 σ√T of ~107 points
        Assert.Equal(6810 - 6800, model.Premium(6810, 6800, true) - model.Premium(6810, 6800, false), 1e-9);
        Assert.True(model.Premium(6801, 6800, true) > call && model.Premium(6801, 6800, false) < put);
    }
}
