using System.Collections.Concurrent;
using FlowEngine.Ring;

namespace FlowEngine.Ring.Tests;

/// <summary>The per-thread start hook: where the engine sets CPU affinity, which a thread can only do for itself.</summary>
public sealed class ThreadStartingTests
{
    [Fact]
    public void Each_processor_thread_calls_the_hook_with_its_name_before_its_handlers_start()
    {
        Bounded.Run(() =>
        {
            using var pipeline = new RingPipeline<TestEvent>(64);
            var a = new CheckingHandler();
            var b = new CheckingHandler();
            var c = new CheckingHandler();
            pipeline.Configure(a, new HandlerOptions { Name = "a" })
                .Configure(b, new HandlerOptions { Name = "b" })
                .Configure(c, new HandlerOptions { Name = "c" });
            pipeline.HandleEventsWith(a).ThenFused(b, c);
            var seen = new ConcurrentDictionary<string, (int Thread, bool OwnHandlerStarted)>();
            pipeline.ThreadStarting = name => seen[name] = (Environment.CurrentManagedThreadId, name == "a" ? a.Started : b.Started);
            var ring = pipeline.Start();
            Publish.One(ring);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));

            Assert.Equal(["a", "b+c"], seen.Keys.Order());
            Assert.Equal(a.ThreadId, seen["a"].Thread);
            Assert.Equal(b.ThreadId, seen["b+c"].Thread);
            Assert.False(seen["a"].OwnHandlerStarted);
            Assert.False(seen["b+c"].OwnHandlerStarted);
            Assert.Equal(1, c.Count);
        });
    }

    [Fact]
    public void A_failing_hook_is_reported_and_the_processor_runs_anyway()
    {
        Bounded.Run(() =>
        {
            var reported = new ConcurrentQueue<(string Name, Exception Error)>();
            using var pipeline = new RingPipeline<TestEvent>(64, onException: (name, _, ex) => reported.Enqueue((name, ex)));
            var handler = new CheckingHandler();
            pipeline.Configure(handler, new HandlerOptions { Name = "h" });
            pipeline.HandleEventsWith(handler);
            pipeline.ThreadStarting = _ => throw new InvalidOperationException("no such CPU");
            var ring = pipeline.Start();
            Publish.One(ring);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));

            var (name, error) = Assert.Single(reported);
            Assert.Equal("h", name);
            Assert.Equal("no such CPU", error.Message);
            Assert.Equal(1, handler.Count);
            Assert.Null(pipeline.Fault);
        });
    }
}
