namespace FlowEngine.Ring.Tests;

public class PipelineOrderTests
{
    private static readonly TimeSpan HaltTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(Strategies.All), MemberType = typeof(Strategies))]
    public void Every_event_is_seen_exactly_once_in_order_across_many_wraps(string strategy)
    {
        const int ringSize = 64;
        const int events = 200_000; // ~3,000 laps of the ring
        Bounded.Run(() =>
        {
            var handler = new CheckingHandler();
            using var pipeline = new RingPipeline<TestEvent>(ringSize, Strategies.Create(strategy));
            pipeline.HandleEventsWith(handler);
            var ring = pipeline.Start();
            for (var i = 0; i < events; i++)
                Publish.One(ring);
            Bounded.WaitUntil(() => handler.Count == events, $"{events} events under {strategy}");
            Assert.True(pipeline.Halt(HaltTimeout));
            Assert.Equal(0, handler.Violations);
            Assert.Null(handler.FirstViolation);
            Assert.Equal(events, handler.Count);
            Assert.Equal(events, handler.BatchSizeSum);
        });
    }

    [Theory]
    [MemberData(nameof(Strategies.All), MemberType = typeof(Strategies))]
    public void Later_stages_never_see_an_event_before_the_stages_they_depend_on(string strategy)
    {
        // Four busy-spinning consumers plus the producer on a 2-core machine hand off only when the OS
        // preempts a spinner, so that case checks ordering on fewer events.
        var events = strategy == "busy-spin" ? 3_000 : 100_000;
        Bounded.Run(() =>
        {
            using var pipeline = new RingPipeline<TestEvent>(128, Strategies.Create(strategy));
            var a = new CheckingHandler { Write = Stage.A };
            var b = new CheckingHandler { Write = Stage.B };
            var c = new CheckingHandler
            {
                Write = Stage.C,
                Check = (e, s) =>
                {
                    if (e.StageA != s || e.StageB != s)
                        return $"C saw {s} before A and B finished it (A={e.StageA}, B={e.StageB})";
                    if (pipeline.GetHandler("a").Sequence < s || pipeline.GetHandler("b").Sequence < s)
                        return $"C saw {s} while A or B had not published their progress past it";
                    return null;
                },
            };
            var d = new CheckingHandler
            {
                Check = (e, s) => e.StageC != s ? $"D saw {s} before C finished it (C={e.StageC})" : null,
            };
            pipeline.Configure(a, new HandlerOptions { Name = "a" })
                .Configure(b, new HandlerOptions { Name = "b" })
                .Configure(c, new HandlerOptions { Name = "c" })
                .Configure(d, new HandlerOptions { Name = "d" });
            pipeline.HandleEventsWith(a, b).Then(c).Then(d);
            var ring = pipeline.Start();
            for (var i = 0; i < events; i++)
            {
                // Clear the stage fields as we publish, so a stale value from the previous lap cannot pass the check.
                var seq = ring.Next();
                ring[seq] = new TestEvent { Value = seq * 3 + 1, StageA = -1, StageB = -1, StageC = -1 };
                ring.Publish(seq);
            }
            Bounded.WaitUntil(() => d.Count == events, "the last stage to finish");
            Assert.True(pipeline.Halt(HaltTimeout));
            foreach (var h in new[] { a, b, c, d })
            {
                Assert.Null(h.FirstViolation);
                Assert.Equal(events, h.Count);
            }
            Assert.Equal(4, pipeline.ThreadNames.Count);
            Assert.Contains("ring:c", pipeline.ThreadNames);
        });
    }

    [Fact]
    public void A_five_stage_chain_can_run_on_two_threads_in_the_given_order()
    {
        const int events = 100_000;
        Bounded.Run(() =>
        {
            using var pipeline = new RingPipeline<TestEvent>(256, new SpinThenBlockWaitStrategy());
            var journal = new CheckingHandler();
            var book = new CheckingHandler { Write = Stage.A };
            var pressure = new CheckingHandler
            {
                Write = Stage.B,
                Check = (e, s) => e.StageA != s ? $"pressure ran before book at {s}" : null,
            };
            var ifd = new CheckingHandler
            {
                Write = Stage.C,
                Check = (e, s) => e.StageB != s ? $"ifd ran before pressure at {s}" : null,
            };
            var risk = new CheckingHandler { Check = (e, s) => e.StageC != s ? $"risk ran before ifd at {s}" : null };
            pipeline.Configure(journal, new HandlerOptions { Name = "journal" })
                .Configure(book, new HandlerOptions { Name = "book" })
                .Configure(pressure, new HandlerOptions { Name = "pressure" })
                .Configure(ifd, new HandlerOptions { Name = "ifd" })
                .Configure(risk, new HandlerOptions { Name = "risk" });
            pipeline.HandleEventsWith(journal).ThenFused(book, pressure, ifd, risk);
            var ring = pipeline.Start();
            for (var i = 0; i < events; i++)
            {
                var seq = ring.Next();
                ring[seq] = new TestEvent { Value = seq * 3 + 1, StageA = -1, StageB = -1, StageC = -1 };
                ring.Publish(seq);
            }
            Bounded.WaitUntil(() => risk.Count == events, "the fused chain to finish");
            Assert.True(pipeline.Halt(HaltTimeout));

            foreach (var h in new[] { journal, book, pressure, ifd, risk })
            {
                Assert.Null(h.FirstViolation);
                Assert.Equal(events, h.Count);
            }
            Assert.Equal(2, pipeline.Processors.Count);
            Assert.Equal(["ring:journal", "ring:book+pressure+ifd+risk"], pipeline.ThreadNames);
            Assert.NotEqual(journal.ThreadId, book.ThreadId);
            Assert.Equal(book.ThreadId, risk.ThreadId);
            Assert.Equal(book.ThreadId, pressure.ThreadId);
            Assert.Equal(pipeline.GetHandler("book").ThreadName, pipeline.GetHandler("risk").ThreadName);
            Assert.Equal(events - 1, pipeline.GetHandler("ifd").Sequence);
        });
    }

    [Fact]
    public void Batch_publish_delivers_every_event_and_batch_boundaries_add_up()
    {
        const int events = 150_000;
        Bounded.Run(() =>
        {
            var handler = new CheckingHandler();
            using var pipeline = new RingPipeline<TestEvent>(1024, new YieldingWaitStrategy());
            pipeline.HandleEventsWith(handler);
            var ring = pipeline.Start();
            var rng = new Random(12345);
            var published = 0;
            while (published < events)
            {
                var n = Math.Min(events - published, rng.Next(1, 1025));
                Publish.Batch(ring, n);
                published += n;
            }
            Bounded.WaitUntil(() => handler.Count == events, "batched events");
            Assert.True(pipeline.Halt(HaltTimeout));
            Assert.Null(handler.FirstViolation);
            Assert.Equal(events, handler.BatchSizeSum);
            Assert.InRange(handler.BatchStarts, 1, events);
        });
    }

    [Fact]
    public void A_struct_handler_gets_its_own_processor_and_keeps_its_state_in_place()
    {
        Bounded.Run(() =>
        {
            var sink = new long[1];
            using var pipeline = new RingPipeline<TestEvent>(64);
            pipeline.HandleEventsWith(new SummingHandler(sink), new HandlerOptions { Name = "sum" });
            var ring = pipeline.Start();
            for (var i = 0; i < 1000; i++)
                Publish.One(ring);
            Bounded.WaitUntil(() => pipeline.GetHandler("sum").Sequence == 999, "struct handler");
            Assert.True(pipeline.Halt(HaltTimeout));
            // OnShutdown copies the struct's own running total out: it only matches if calls mutated one instance.
            long expected = 0;
            for (long s = 0; s < 1000; s++)
                expected += s * 3 + 1;
            Assert.Equal(expected, Volatile.Read(ref sink[0]));
            Assert.IsType<BatchEventProcessor<TestEvent, SummingHandler>>(pipeline.Processors[0]);
        });
    }

    private struct SummingHandler(long[] sink) : IValueEventHandler<TestEvent>
    {
        private long _total;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => _total += data.Value;

        public readonly void OnShutdown() => Volatile.Write(ref sink[0], _total);
    }

    [Fact]
    public void A_processor_can_be_wired_by_hand_like_the_disruptor()
    {
        Bounded.Run(() =>
        {
            var ring = new RingBuffer<TestEvent>(32, new BlockingWaitStrategy());
            var handler = new CheckingHandler();
            var processor = new BatchEventProcessor<TestEvent, CheckingHandler>(ring, ring.NewBarrier(), handler, "manual");
            ring.AddGatingSequences(processor.Sequence);
            var thread = new Thread(processor.Run) { IsBackground = true };
            thread.Start();
            Assert.True(processor.WaitUntilStarted(TimeSpan.FromSeconds(10)));
            Assert.True(processor.IsRunning);
            for (var i = 0; i < 500; i++)
                Publish.One(ring);
            processor.HaltAfter(ring.Cursor);
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.False(processor.IsRunning);
            Assert.Equal(500, handler.Count);
            Assert.Null(handler.FirstViolation);
            Assert.Equal("manual", processor.Name);
            var again = Assert.Throws<InvalidOperationException>(processor.Run);
            Assert.Contains("'manual' has already been run", again.Message);
        });
    }
}
