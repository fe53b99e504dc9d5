using System.Diagnostics;

namespace FlowEngine.Ring.Tests;

public class WakeupTests
{
    /// <summary>Publishes its progress after every event so the test can wait for each one.</summary>
    private sealed class EchoHandler : IValueEventHandler<TestEvent>
    {
        private long _last = -1;
        public long Last => Volatile.Read(ref _last);
        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Volatile.Write(ref _last, sequence);
    }

    /// <summary>
    /// The lost wake-up race: the consumer finds nothing, the publisher publishes and sees nobody parked, the
    /// consumer parks. Each round publishes one event at a varying moment relative to the consumer going to
    /// sleep (the instant the previous event is handled, after a short random spin, after it is certainly
    /// parked) and requires it to be handled within a deadline. A lost wake-up leaves the consumer parked
    /// forever and fails the round. Run with one stage (waits on the cursor) and two (the second waits on the
    /// first stage's sequence, so processors' wake-ups are covered too).
    /// </summary>
    [Theory]
    [InlineData("blocking", 1)]
    [InlineData("blocking", 2)]
    [InlineData("spin-then-block-eager", 1)]
    [InlineData("spin-then-block-eager", 2)]
    [InlineData("spin-then-block", 1)]
    public void Blocking_strategies_never_lose_a_wakeup(string strategy, int stages)
    {
        const int rounds = 4_000;
        Bounded.Run(TimeSpan.FromSeconds(120), () =>
        {
            var waitStrategy = Strategies.Create(strategy);
            using var pipeline = new RingPipeline<TestEvent>(16, waitStrategy);
            var first = new EchoHandler();
            var last = first;
            var group = pipeline.HandleEventsWith(first);
            if (stages == 2)
                group.Then(last = new EchoHandler());
            var ring = pipeline.Start();
            var signal = waitStrategy.Signal!;
            var rng = new Random(7);
            var parkedRounds = 0;

            for (var i = 0; i < rounds; i++)
            {
                switch (rng.Next(4))
                {
                    case 0:                                  // the instant the previous event was handled
                        break;
                    case 1:                                  // sweep the consumer's way into the park
                        for (var p = rng.Next(0, 400); p > 0; p--)
                            Thread.SpinWait(1);
                        break;
                    case 2:
                        Thread.Yield();
                        break;
                    default:                                 // certainly parked
                        SpinUntil(() => signal.Waiters >= stages, $"the consumers to park (round {i})");
                        break;
                }
                if (signal.Waiters > 0)
                    parkedRounds++;
                Publish.One(ring);
                SpinUntil(() => last.Last == i, $"event {i} to be handled: a wake-up was lost");
            }

            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(30)));
            Assert.Equal(rounds - 1, first.Last);
            Assert.True(parkedRounds > rounds / 8, $"consumers were parked in only {parkedRounds} rounds: the test did not exercise parking");
        });
    }

    /// <summary>
    /// Tight spin (no yield) so the publisher reacts within nanoseconds and lands inside the race window. Only
    /// once the condition is clearly not coming soon (the consumer is not running: a loaded machine) does it
    /// yield, so it stops taking the CPU the consumer needs; on a loaded 2-core CI box a pure spin made the
    /// 4,000 rounds outlast the test's bound. The deadline only tells a lost wake-up (parked forever) from a
    /// consumer the OS has not run yet, so it is generous.
    /// </summary>
    private static void SpinUntil(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)LostWakeup.TotalSeconds * Stopwatch.Frequency;
        var n = 0;
        while (!condition())
        {
            if (++n < TightSpins)
                continue;
            Thread.Yield();
            if ((n & 63) == 0 && Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"timed out after {LostWakeup.TotalSeconds:0} s waiting for {what}");
        }
    }

    /// <summary>Condition checks before <see cref="SpinUntil"/> starts yielding: far longer than a running consumer needs.</summary>
    private const int TightSpins = 20_000;

    /// <summary>How long a wake-up may take before it counts as lost.</summary>
    private static readonly TimeSpan LostWakeup = TimeSpan.FromSeconds(20);

    [Fact]
    public void An_idle_blocking_consumer_parks_and_costs_no_spinning()
    {
        Bounded.Run(() =>
        {
            var waitStrategy = new SpinThenBlockWaitStrategy();
            using var pipeline = new RingPipeline<TestEvent>(16, waitStrategy);
            var echo = new EchoHandler();
            pipeline.HandleEventsWith(echo);
            var ring = pipeline.Start();
            var signal = waitStrategy.Signal!;
            // ParkCount rises only after the consumer armed the signal and re-checked the cursor, just before it
            // sleeps; Waiters rises earlier (on entering Park), so waiting on it raced the counter.
            WaitFor(() => signal.ParkCount >= 1, LostWakeup, "the idle consumer to park");
            Assert.Equal(1, signal.Waiters);
            Assert.True(signal.HasWaiters);
            Publish.One(ring); // sees the armed signal and wakes the consumer
            WaitFor(() => echo.Last == 0, LostWakeup, "the parked consumer to wake");
            Assert.True(signal.WakeCount >= 1);
        });
    }

    [Fact]
    public void Non_blocking_strategies_need_no_signal_from_the_publisher()
    {
        Assert.Null(new BusySpinWaitStrategy().Signal);
        Assert.Null(new YieldingWaitStrategy().Signal);
        Assert.Null(new SleepingWaitStrategy().Signal);
        Assert.NotNull(new BlockingWaitStrategy().Signal);
        Assert.NotNull(new SpinThenBlockWaitStrategy().Signal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpinThenBlockWaitStrategy(spinTries: -1));
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            Thread.Yield();
        }
    }
}
