namespace FlowEngine.Ring.Tests;

public class ProxyTests
{
    /// <summary>Private, nested, with explicit interface implementations: the hardest shape to proxy.</summary>
    private sealed class ExplicitHandler : IValueEventHandler<TestEvent>
    {
        public long Events, Batches, Starts, Shutdowns;

        void IValueEventHandler<TestEvent>.OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            data.StageA = sequence;
            Events++;
        }

        void IValueEventHandler<TestEvent>.OnBatchStart(long batchSize, long sequence) => Batches++;
        void IValueEventHandler<TestEvent>.OnStart() => Starts++;
        void IValueEventHandler<TestEvent>.OnShutdown() => Shutdowns++;
    }

    /// <summary>Implements only OnEvent; the other callbacks are the interface's defaults.</summary>
    private class MinimalHandler : IValueEventHandler<TestEvent>
    {
        public long Events;
        public virtual void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Events++;
    }

    /// <summary>Overrides a virtual OnEvent: the proxy must call the override for this runtime type.</summary>
    private sealed class DerivedHandler : MinimalHandler
    {
        public long Overridden;
        public override void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Overridden++;
    }

    [Fact]
    public void Class_handlers_run_on_processors_compiled_for_a_generated_struct_proxy()
    {
        Bounded.Run(() =>
        {
            var explicitHandler = new ExplicitHandler();
            var minimal = new MinimalHandler();
            var derived = new DerivedHandler();
            var pipeline = new RingPipeline<TestEvent>(64);
            pipeline.HandleEventsWith(explicitHandler, minimal).Then(derived);
            var ring = pipeline.Start();
            for (var i = 0; i < 1000; i++)
                Publish.One(ring);
            Assert.True(pipeline.Halt(TimeSpan.FromSeconds(10)));

            foreach (var processor in pipeline.Processors)
            {
                var handlerType = Assert.IsAssignableFrom<Type>(processor.GetType().GetProperty("HandlerType")!.GetValue(processor));
                Assert.True(handlerType.IsValueType, $"{processor.Name} runs on {handlerType}, not a struct proxy");
            }
            Assert.Equal(1000, explicitHandler.Events);
            Assert.InRange(explicitHandler.Batches, 1, 1000);
            Assert.Equal(1, explicitHandler.Starts);
            Assert.Equal(1, explicitHandler.Shutdowns);
            Assert.Equal(1000, minimal.Events);
            Assert.Equal(1000, derived.Overridden);
            Assert.Equal(0, derived.Events);
            Assert.Equal(999, ring[999].StageA);
        });
    }

    [Fact]
    public void The_factory_builds_a_proxied_processor_by_hand_too()
    {
        Bounded.Run(() =>
        {
            var ring = new RingBuffer<TestEvent>(16, new YieldingWaitStrategy());
            var handler = new MinimalHandler();
            var processor = BatchEventProcessorFactory.Create(ring, ring.NewBarrier(), handler, "minimal", ExceptionPolicy.LogAndContinue);
            ring.AddGatingSequences(processor.Sequence);
            var thread = new Thread(processor.Run) { IsBackground = true };
            thread.Start();
            for (var i = 0; i < 100; i++)
                Publish.One(ring);
            processor.HaltAfter(99);
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(100, handler.Events);
            Assert.Equal("minimal", processor.Name);
        });
    }

    [Fact]
    public void The_interface_typed_processor_used_without_dynamic_code_is_correct_too()
    {
        Bounded.Run(() =>
        {
            var ring = new RingBuffer<TestEvent>(32, new SpinThenBlockWaitStrategy(spinTries: 1, yieldTries: 0));
            var handler = new CheckingHandler();
            var processor = new BatchEventProcessor<TestEvent, IValueEventHandler<TestEvent>>(ring, ring.NewBarrier(), handler, "fallback");
            ring.AddGatingSequences(processor.Sequence);
            var thread = new Thread(processor.Run) { IsBackground = true };
            thread.Start();
            for (var i = 0; i < 5_000; i++)
                Publish.One(ring);
            processor.HaltAfter(ring.Cursor);
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(5_000, handler.Count);
            Assert.Equal(5_000, handler.BatchSizeSum); // OnBatchStart is implemented, so it must be called
            Assert.Null(handler.FirstViolation);
        });
    }
}
