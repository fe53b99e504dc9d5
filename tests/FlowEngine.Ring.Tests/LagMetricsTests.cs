namespace FlowEngine.Ring.Tests;

public class LagMetricsTests
{
    private sealed class GateHandler : IValueEventHandler<TestEvent>
    {
        public readonly ManualResetEventSlim Gate = new(false);
        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Gate.Wait();
    }

    [Fact]
    public void Cursor_sequences_lag_and_capacity_are_readable_from_another_thread()
    {
        Bounded.Run(() =>
        {
            using var pipeline = new RingPipeline<TestEvent>(64);
            var fast = new CheckingHandler();
            var slow = new GateHandler();
            pipeline.Configure(fast, new HandlerOptions { Name = "journal" })
                .Configure(slow, new HandlerOptions { Name = "book" });
            pipeline.HandleEventsWith(fast).Then(slow);
            var ring = pipeline.Start();
            for (var i = 0; i < 40; i++)
                Publish.One(ring);

            var journal = pipeline.GetHandler("journal");
            var book = pipeline.GetHandler("book");
            Bounded.WaitUntil(() => journal.Sequence == 39, "journal to catch up");
            Assert.Equal(39, pipeline.Cursor);
            Assert.Equal(0, journal.Lag);
            Assert.Equal(-1, book.Sequence); // blocked inside its first batch
            Assert.Equal(40, book.Lag);
            Assert.Equal(64 - 40, pipeline.RemainingCapacity);
            Assert.Equal("ring:book", book.ThreadName);
            Assert.Equal("book: sequence -1, lag 40, exceptions 0", book.ToString());

            slow.Gate.Set();
            Bounded.WaitUntil(() => book.Lag == 0, "book to catch up");
            Assert.Equal(64, pipeline.RemainingCapacity);
            Assert.Equal(2, pipeline.Handlers.Count);
            Assert.Equal(64, pipeline.BufferSize);
        });
    }
}
