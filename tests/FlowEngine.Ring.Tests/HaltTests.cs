namespace FlowEngine.Ring.Tests;

public class HaltTests
{
    /// <summary>Blocks on its first event until released, so events pile up behind it.</summary>
    private sealed class GatedHandler : IValueEventHandler<TestEvent>
    {
        public readonly ManualResetEventSlim Gate = new(false);
        public readonly ManualResetEventSlim Entered = new(false);
        private long _count;
        public long Count => Volatile.Read(ref _count);
        public long CountAtShutdown = -1;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            Entered.Set();
            Gate.Wait();
            Volatile.Write(ref _count, _count + 1);
        }

        public void OnShutdown() => CountAtShutdown = Count;
    }

    [Theory]
    [MemberData(nameof(Strategies.All), MemberType = typeof(Strategies))]
    public void Halt_processes_everything_published_before_it_then_stops_every_thread(string strategy)
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(1024, Strategies.Create(strategy));
            var first = new GatedHandler();
            var second = new CheckingHandler();
            var third = new CheckingHandler();
            pipeline.HandleEventsWith(first).Then(second).ThenFused(third);
            var ring = pipeline.Start();
            for (var i = 0; i < 1000; i++)
                Publish.One(ring);
            Assert.True(first.Entered.Wait(TimeSpan.FromSeconds(10)));

            // Halt while 999 events are still queued behind the gate; release the gate shortly after.
            var release = new Thread(() => { Thread.Sleep(100); first.Gate.Set(); }) { IsBackground = true };
            release.Start();
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(20)), "halt did not finish in time");

            Assert.Equal(1000, first.Count);
            Assert.Equal(1000, first.CountAtShutdown);
            Assert.Equal(1000, second.CountAtShutdown);
            Assert.Equal(1000, third.CountAtShutdown);
            Assert.Null(second.FirstViolation);
            Assert.Null(third.FirstViolation);
            Assert.False(pipeline.IsRunning);
            Assert.All(pipeline.Threads, t => Assert.False(t.IsAlive));
            Assert.Null(pipeline.Fault);
        });
    }

    [Fact]
    public void Halt_of_an_idle_pipeline_returns_promptly_and_calls_shutdown_once()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(64, new BlockingWaitStrategy());
            var a = new CheckingHandler();
            var b = new CheckingHandler();
            pipeline.HandleEventsWith(a).Then(b);
            pipeline.Start();
            Thread.Sleep(50); // usually lets both park; if the OS has not run them yet, shutdown must work all the same
            Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
            Assert.True(a.ShutDown);
            Assert.True(b.ShutDown);
            Assert.Equal(0, a.CountAtShutdown);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)), "a second halt must be harmless");
            Assert.False(pipeline.IsRunning);
        });
    }

    [Fact]
    public void Halt_reports_false_within_its_timeout_when_a_handler_is_stuck()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(64);
            var stuck = new GatedHandler();
            pipeline.HandleEventsWith(stuck);
            var ring = pipeline.Start();
            Publish.One(ring);
            Assert.True(stuck.Entered.Wait(TimeSpan.FromSeconds(10)));

            var sw = System.Diagnostics.Stopwatch.StartNew();
            Assert.False(pipeline.Halt(TimeSpan.FromMilliseconds(200)));
            Assert.InRange(sw.ElapsedMilliseconds, 150, 15_000); // returns near 200 ms; the top only bounds a loaded machine
            Assert.True(pipeline.IsRunning);

            stuck.Gate.Set();
            Assert.True(pipeline.Join(TimeSpan.FromSeconds(10)));
            Assert.False(pipeline.IsRunning);
        });
    }

    [Fact]
    public void A_producer_blocked_on_a_full_ring_is_released_by_halt()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(8);
            var stuck = new GatedHandler();
            pipeline.HandleEventsWith(stuck);
            var ring = pipeline.Start();
            Exception? thrown = null;
            var producer = new Thread(() =>
            {
                try
                {
                    for (var i = 0; i < 100; i++)
                        Publish.One(ring);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            }) { IsBackground = true };
            producer.Start();
            Assert.True(stuck.Entered.Wait(TimeSpan.FromSeconds(10)));
            Bounded.WaitUntil(() => pipeline.RemainingCapacity == 0, "the ring to fill");

            var halter = new Thread(() => pipeline.Halt(TimeSpan.FromSeconds(20))) { IsBackground = true };
            halter.Start();
            Assert.True(producer.Join(TimeSpan.FromSeconds(10)), "producer stayed blocked after halt");
            var halted = Assert.IsType<RingHaltedException>(thrown);
            Assert.Contains("the pipeline was halted at sequence", halted.Message);
            stuck.Gate.Set();
            Assert.True(halter.Join(TimeSpan.FromSeconds(10)));
            Assert.False(pipeline.IsRunning);
        });
    }

    [Fact]
    public void Builder_misuse_gets_clear_errors()
    {
        var empty = new RingPipeline<TestEvent>(8);
        var ex = Assert.Throws<InvalidOperationException>(() => empty.Start());
        Assert.Contains("no handlers", ex.Message);

        var pipeline = new RingPipeline<TestEvent>(8);
        var h = new CheckingHandler();
        pipeline.HandleEventsWith(h);
        var arg = Assert.Throws<ArgumentException>(() => pipeline.GetHandler("nope"));
        Assert.Contains("no handler named 'nope'", arg.Message);
        arg = Assert.Throws<ArgumentException>(() => pipeline.HandleEventsWith(Array.Empty<IValueEventHandler<TestEvent>>()));
        Assert.Contains("at least one handler is required", arg.Message);
        var nullHandler = Assert.Throws<ArgumentNullException>(() => pipeline.HandleEventsWith([new CheckingHandler(), null!]));
        Assert.Contains("handler 1 is null", nullHandler.Message);
        arg = Assert.Throws<ArgumentException>(() => pipeline.HandleEventsWith(new CheckingHandler(), new HandlerOptions { Name = " " }));
        Assert.Contains("handler name must not be empty", arg.Message);
        var other = new RingPipeline<TestEvent>(8);
        arg = Assert.Throws<ArgumentException>(() => other.HandleEventsWith(new CheckingHandler()).And(pipeline.HandleEventsWith(new CheckingHandler())));
        Assert.Contains("different pipelines", arg.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new SpinThenBlockWaitStrategy(spinTries: -1));
        Assert.Equal("spinTries", negative.ParamName);
        pipeline.Start();
        try
        {
            ex = Assert.Throws<InvalidOperationException>(() => pipeline.HandleEventsWith(new CheckingHandler()));
            Assert.Contains("only be added before Start", ex.Message);
            ex = Assert.Throws<InvalidOperationException>(() => pipeline.Configure(h, new HandlerOptions()));
            Assert.Contains("already been started", ex.Message);
        }
        finally
        {
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public void Handler_names_are_made_unique()
    {
        var pipeline = new RingPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CheckingHandler(), new CheckingHandler()).ThenFused(new CheckingHandler());
        Assert.Equal(["CheckingHandler", "CheckingHandler#2", "CheckingHandler#3"], pipeline.Handlers.Select(h => h.Name));
        pipeline.Halt(TimeSpan.FromSeconds(1));
    }
}
