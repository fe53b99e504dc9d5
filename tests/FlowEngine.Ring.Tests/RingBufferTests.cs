using System.Runtime.CompilerServices;

namespace FlowEngine.Ring.Tests;

public class RingBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(-8)]
    public void Size_must_be_a_positive_power_of_two(int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<TestEvent>(size));
        Assert.Contains("power of two", ex.Message);
        Assert.Equal("bufferSize", ex.ParamName);
    }

    [Fact]
    public void Slots_are_the_same_storage_one_lap_apart_and_distinct_within_a_lap()
    {
        var ring = new RingBuffer<TestEvent>(8);
        Assert.True(Unsafe.AreSame(ref ring[3], ref ring[11]));
        Assert.True(Unsafe.AreSame(ref ring[0], ref ring[8 * 1000]));
        Assert.False(Unsafe.AreSame(ref ring[3], ref ring[4]));
        ring[5].Value = 42;
        Assert.Equal(42, ring[13].Value);
        Assert.Equal(1, Unsafe.ByteOffset(ref ring[0], ref ring[1]) / Unsafe.SizeOf<TestEvent>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(-1)]
    public void Claim_size_outside_1_to_ring_size_is_rejected_with_the_limit(int n)
    {
        var ring = new RingBuffer<TestEvent>(16);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(n));
        Assert.Contains("between 1 and the ring size 16", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(n, out _));
        Assert.Contains("between 1 and the ring size 16", ex.Message);
    }

    [Fact]
    public void TryNext_fails_on_a_full_ring_and_succeeds_once_the_consumer_frees_room()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (var i = 0; i < 8; i++)
        {
            Assert.True(ring.TryNext(out var s));
            Assert.Equal(i, s);
            ring.Publish(s);
        }
        Assert.Equal(0, ring.GetRemainingCapacity());
        Assert.False(ring.TryNext(out _));
        Assert.False(ring.TryNext(1, out _));

        consumer.SetValue(2); // slots 0..2 consumed: three free
        Assert.Equal(3, ring.GetRemainingCapacity());
        Assert.False(ring.TryNext(4, out _));
        Assert.True(ring.TryNext(3, out var hi));
        Assert.Equal(10, hi);
        ring.Publish(8, 10);
        Assert.False(ring.TryNext(out _));
        Assert.Equal(10, ring.Cursor);
    }

    [Fact]
    public void Next_waits_while_the_ring_is_full_and_resumes_when_the_consumer_advances()
    {
        Bounded.Run(() =>
        {
            var ring = new RingBuffer<TestEvent>(4);
            var consumer = new Sequence();
            ring.AddGatingSequences(consumer);
            ring.Publish(ring.Next(4));

            long claimed = -1;
            var producer = new Thread(() => Volatile.Write(ref claimed, ring.Next())) { IsBackground = true };
            producer.Start();
            Thread.Sleep(50);
            Assert.Equal(-1, Volatile.Read(ref claimed)); // still waiting: the ring is full

            consumer.SetValue(0);
            Assert.True(producer.Join(TimeSpan.FromSeconds(10)), "producer did not resume after the consumer advanced");
            Assert.Equal(4, claimed);
        });
    }

    [Fact]
    public void A_halted_ring_throws_to_a_producer_that_needs_room_instead_of_waiting_forever()
    {
        Bounded.Run(() =>
        {
            var ring = new RingBuffer<TestEvent>(4);
            ring.AddGatingSequences(new Sequence());
            ring.Publish(ring.Next(3));
            ring.Sequencer.Halt("stage 'book' failed");

            // Room left: publishing still works (nobody will read it, which the halt reason explains).
            ring.Publish(ring.Next());

            Exception? thrown = null;
            var producer = new Thread(() =>
            {
                try { ring.Next(); }
                catch (Exception ex) { thrown = ex; }
            }) { IsBackground = true };
            producer.Start();
            Assert.True(producer.Join(TimeSpan.FromSeconds(10)), "producer kept waiting on a halted ring");
            var halted = Assert.IsType<RingHaltedException>(thrown);
            Assert.Equal("stage 'book' failed", halted.Message);
            Assert.Throws<RingHaltedException>(() => ring.TryNext(out _));
        });
    }

    [Fact]
    public void Publish_scopes_publish_on_dispose()
    {
        var ring = new RingBuffer<TestEvent>(16);
        using (var scope = ring.PublishEvent())
        {
            scope.Event().Value = 7;
            Assert.Equal(-1, ring.Cursor);
        }
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(7, ring[0].Value);

        using (var batch = ring.PublishEvents(5))
        {
            Assert.Equal(1, batch.StartSequence);
            Assert.Equal(5, batch.EndSequence);
            for (var i = 0; i < batch.Length; i++)
                batch.Event(i).Value = 100 + i;
            Assert.Equal(0, ring.Cursor);
        }
        Assert.Equal(5, ring.Cursor);
        Assert.Equal(104, ring[5].Value);
    }

    [Fact]
    public void Batch_scope_rejects_an_index_outside_the_claimed_run()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var batch = ring.PublishEvents(3);
        ArgumentOutOfRangeException? ex = null;
        try
        {
            batch.Event(3);
        }
        catch (ArgumentOutOfRangeException e)
        {
            ex = e;
        }
        Assert.NotNull(ex);
        Assert.Contains("claimed run of 3 slots", ex.Message);
        batch.Dispose();
        Assert.Equal(2, ring.Cursor);
    }

    [Fact]
    public void With_no_consumers_the_producer_never_waits()
    {
        var ring = new RingBuffer<TestEvent>(4);
        for (var i = 0; i < 100; i++)
            ring.Publish(ring.Next());
        Assert.Equal(99, ring.Cursor);
        Assert.True(ring.TryNext(4, out _));
    }

    [Fact]
    public void Gating_sequences_can_be_removed()
    {
        var ring = new RingBuffer<TestEvent>(4);
        var slow = new Sequence();
        ring.AddGatingSequences(slow);
        ring.Publish(ring.Next(4));
        Assert.False(ring.TryNext(out _));
        Assert.True(ring.Sequencer.RemoveGatingSequence(slow));
        Assert.False(ring.Sequencer.RemoveGatingSequence(slow));
        Assert.True(ring.TryNext(out _));
    }

    [Fact]
    public void Sequence_operations_are_atomic()
    {
        var s = new Sequence();
        Assert.Equal(Sequence.InitialValue, s.Value);
        Assert.True(s.CompareAndSet(-1, 10));
        Assert.False(s.CompareAndSet(-1, 11));
        Assert.Equal(12, s.AddAndGet(2));
        Assert.Equal(13, s.IncrementAndGet());
        Assert.Equal("13", s.ToString());
        Assert.Equal(5, Sequence.Minimum([new Sequence(9), new Sequence(5), new Sequence(7)], long.MaxValue));
        Assert.Equal(3, Sequence.Minimum([], 3));

        var threads = new Thread[2];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() => { for (var i = 0; i < 100_000; i++) s.IncrementAndGet(); });
            threads[t].Start();
        }
        foreach (var t in threads)
            Assert.True(t.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(200_013, s.Value);
    }
}
