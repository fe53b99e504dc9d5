using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Ring.Tests;

public class PublishPropertyTests
{
    /// <summary>
    /// For any ring size and any sequence of claim sizes (single, batch, blocking or try-claim), a two-stage
    /// pipeline sees every published event exactly once, in order, and its batch callbacks account for all of them.
    /// </summary>
    [Fact]
    public void Any_mix_of_claim_sizes_is_delivered_exactly_once_in_order()
    {
        var gen =
            from exponent in Gen.Choose(1, 7)
            from claims in Gen.Choose(1, 1 << exponent).ArrayOf()
            from useTryNext in Gen.Elements(false, true)
            from strategy in Gen.Elements("yielding", "blocking", "spin-then-block-eager")
            select (RingSize: 1 << exponent, Claims: claims, UseTryNext: useTryNext, Strategy: strategy);

        var property = Prop.ForAll(gen.ToArbitrary(), c => Bounded.Run(() => RunCase(c.RingSize, c.Claims, c.UseTryNext, c.Strategy)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20260101UL, 0x9E3779B97F4A7C15UL), null))), property);
    }

    private static void RunCase(int ringSize, int[] claims, bool useTryNext, string strategy)
    {
        using var pipeline = new RingPipeline<TestEvent>(ringSize, Strategies.Create(strategy));
        var first = new CheckingHandler();
        var second = new CheckingHandler();
        pipeline.HandleEventsWith(first).Then(second);
        var ring = pipeline.Start();

        long total = 0;
        foreach (var n in claims)
        {
            long hi;
            if (useTryNext)
            {
                var spinner = default(SpinWait);
                while (!ring.TryNext(n, out hi))
                    spinner.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                hi = ring.Next(n);
            }
            for (var s = hi - n + 1; s <= hi; s++)
                ring[s].Value = s * 3 + 1;
            ring.Publish(hi - n + 1, hi);
            total += n;
        }

        Assert.True(pipeline.Halt(TimeSpan.FromSeconds(20)), "halt timed out");
        foreach (var h in new[] { first, second })
        {
            Assert.Null(h.FirstViolation);
            Assert.Equal(total, h.Count);
            Assert.Equal(total, h.BatchSizeSum);
        }
    }
}
