using System.Collections.Concurrent;

namespace FlowEngine.Ring.Tests;

public class ExceptionPolicyTests
{
    private sealed class ThrowingHandler(Func<long, bool> throwAt) : IValueEventHandler<TestEvent>
    {
        private long _count;
        public long Count => Volatile.Read(ref _count);
        public bool ShutDown;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            Volatile.Write(ref _count, _count + 1);
            if (throwAt(sequence))
                throw new InvalidDataException($"bad event {sequence}");
            data.StageA = sequence;
        }

        public void OnShutdown() => ShutDown = true;
    }

    private sealed class ThrowOnStart : IValueEventHandler<TestEvent>
    {
        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) { }
        public void OnStart() => throw new IOException("journal directory is read-only");
    }

    [Fact]
    public void LogAndContinue_counts_reports_and_keeps_every_later_event_flowing()
    {
        const int events = 10_000;
        Bounded.Run(() =>
        {
            var reports = new ConcurrentQueue<(string Name, long Seq, string Message)>();
            using var pipeline = new RingPipeline<TestEvent>(256, onException: (n, s, e) => reports.Enqueue((n, s, e.Message)));
            var flaky = new ThrowingHandler(s => s % 10 == 3);
            var after = new CheckingHandler();
            pipeline.Configure(flaky, new HandlerOptions { Name = "flaky", ExceptionPolicy = ExceptionPolicy.LogAndContinue });
            pipeline.HandleEventsWith(flaky).Then(after);
            var ring = pipeline.Start();
            for (var i = 0; i < events; i++)
                Publish.One(ring);
            Bounded.WaitUntil(() => after.Count == events, "the downstream stage");
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));

            Assert.Equal(events, flaky.Count);
            Assert.Equal(events, after.Count);
            Assert.Null(after.FirstViolation);
            Assert.Equal(events / 10, pipeline.GetHandler("flaky").ExceptionCount);
            Assert.Equal(events / 10, reports.Count);
            Assert.All(reports, r =>
            {
                Assert.Equal("flaky", r.Name);
                Assert.Equal(3, r.Seq % 10);
                Assert.Equal($"bad event {r.Seq}", r.Message);
            });
            Assert.Null(pipeline.Fault);
        });
    }

    [Fact]
    public void Halt_policy_stops_the_pipeline_names_the_handler_and_releases_the_producer()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(64, new BlockingWaitStrategy());
            var bad = new ThrowingHandler(s => s == 100);
            var parallel = new CheckingHandler();
            var after = new CheckingHandler();
            pipeline.Configure(bad, new HandlerOptions { Name = "book", ExceptionPolicy = ExceptionPolicy.Halt });
            pipeline.HandleEventsWith(bad, parallel).Then(after);
            var ring = pipeline.Start();

            var thrown = Assert.Throws<RingHaltedException>(() =>
            {
                for (var i = 0; i < 10_000; i++)
                    Publish.One(ring);
            });
            Assert.Contains("handler 'book' failed at sequence 100", thrown.Message);
            Assert.True(pipeline.Join(TimeSpan.FromSeconds(10)), "processors kept running after a halting failure");

            var fault = Assert.IsType<HandlerFault>(pipeline.Fault);
            Assert.Equal("book", fault.HandlerName);
            Assert.Equal(100, fault.Sequence);
            Assert.IsType<InvalidDataException>(fault.Exception);
            Assert.Equal("handler 'book' failed at sequence 100: InvalidDataException: bad event 100", fault.ToString());
            Assert.Equal(99, pipeline.GetHandler("book").Sequence); // the failed event is not marked done
            Assert.InRange(after.Count, 0, 100); // never passes the failed stage
            Assert.Null(after.FirstViolation);
            Assert.True(bad.ShutDown);
            Assert.False(pipeline.IsRunning);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));
        });
    }

    [Fact]
    public void Fused_members_keep_their_own_policies()
    {
        const int events = 5_000;
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(128);
            var tolerant = new ThrowingHandler(s => s % 100 == 0);
            var next = new CheckingHandler();
            var strict = new ThrowingHandler(s => s == 4_321);
            pipeline.Configure(tolerant, new HandlerOptions { Name = "pressure", ExceptionPolicy = ExceptionPolicy.LogAndContinue })
                .Configure(next, new HandlerOptions { Name = "ifd" })
                .Configure(strict, new HandlerOptions { Name = "risk", ExceptionPolicy = ExceptionPolicy.Halt });
            pipeline.HandleEventsWithFused(tolerant, next, strict);
            var ring = pipeline.Start();
            Assert.Throws<RingHaltedException>(() =>
            {
                for (var i = 0; i < events; i++)
                    Publish.One(ring);
            });
            Assert.True(pipeline.Join(TimeSpan.FromSeconds(20)), "fused processor did not stop after 'risk' failed");

            Assert.Equal(44, pipeline.GetHandler("pressure").ExceptionCount); // 0, 100, ..., 4300
            Assert.Equal(4_322, next.Count); // every event up to the failing one reached the next member
            Assert.Null(next.FirstViolation);
            Assert.Equal(1, pipeline.GetHandler("risk").ExceptionCount);
            var fault = Assert.IsType<HandlerFault>(pipeline.Fault);
            Assert.Equal("risk", fault.HandlerName);
            Assert.Equal(4_321, fault.Sequence);
            Assert.True(tolerant.ShutDown);
            Assert.True(strict.ShutDown);
        });
    }

    [Fact]
    public void In_a_long_fused_group_a_tolerated_exception_at_any_position_passes_the_event_to_the_next_member()
    {
        // Six members: the first four are called from call sites of their own, the rest from a loop; exceptions
        // at positions 1, 3 and 5 (each member on a different sequence) must each hand the event on.
        const int events = 600;
        Bounded.Run(() =>
        {
            using var pipeline = new RingPipeline<TestEvent>(64);
            var members = new IValueEventHandler<TestEvent>[6];
            var counters = new ThrowingHandler[6];
            for (var m = 0; m < members.Length; m++)
            {
                var position = m;
                counters[m] = new ThrowingHandler(s => position % 2 == 1 && s % 10 == position);
                members[m] = counters[m];
                pipeline.Configure(members[m], new HandlerOptions { Name = "m" + m, ExceptionPolicy = ExceptionPolicy.LogAndContinue });
            }
            pipeline.HandleEventsWithFused(members);
            var ring = pipeline.Start();
            for (var i = 0; i < events; i++)
                Publish.One(ring);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(30)));

            Assert.Null(pipeline.Fault);
            for (var m = 0; m < members.Length; m++)
            {
                Assert.Equal(events, counters[m].Count);
                Assert.Equal(m % 2 == 1 ? events / 10 : 0, pipeline.GetHandler("m" + m).ExceptionCount);
            }
        });
    }

    [Fact]
    public void A_failing_start_callback_fails_Start_with_the_handler_named_and_leaves_no_thread()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(64);
            var other = new CheckingHandler();
            var journal = new ThrowOnStart();
            pipeline.Configure(journal, new HandlerOptions { Name = "journal" });
            pipeline.HandleEventsWith(other).ThenFused(journal);
            var ex = Assert.Throws<InvalidOperationException>(() => pipeline.Start());
            Assert.Contains("handler 'journal' failed", ex.Message);
            Assert.Contains("journal directory is read-only", ex.Message);
            Assert.IsType<IOException>(ex.InnerException);
            Assert.False(pipeline.IsRunning);
            Assert.True(other.ShutDown);
            Assert.Equal(1, pipeline.GetHandler("journal").ExceptionCount);
        });
    }

    [Fact]
    public void A_throwing_exception_callback_halts_instead_of_crashing_the_process()
    {
        Bounded.Run(() =>
        {
            var pipeline = new RingPipeline<TestEvent>(64, defaultPolicy: ExceptionPolicy.LogAndContinue,
                onException: (_, _, _) => throw new InvalidOperationException("logger is broken"));
            var flaky = new ThrowingHandler(s => s == 5);
            pipeline.Configure(flaky, new HandlerOptions { Name = "flaky" });
            pipeline.HandleEventsWith(flaky);
            var ring = pipeline.Start();
            for (var i = 0; i < 10; i++)
                Publish.One(ring);
            Assert.True(pipeline.Join(TimeSpan.FromSeconds(10)));
            var fault = Assert.IsType<HandlerFault>(pipeline.Fault);
            Assert.Equal("flaky", fault.HandlerName);
            Assert.Equal("logger is broken", fault.Exception.Message);
        });
    }
}
