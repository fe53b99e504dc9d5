using FlowEngine.Engine.Pipeline;
using FlowEngine.Flow.Scoring;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Pipeline;

/// <summary>The flow → output hand-off must deliver every signal once, in order, whatever the lag between the two stages.</summary>
public sealed class SignalQueueTests
{
    private static Signal Numbered(long n) => new() { InputIndex = n, Size = n * 3, Confidence = n / 7.0 };

    [Fact]
    public void A_bad_capacity_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalQueue(0));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SignalQueue(100));
        Assert.Contains("power of two", ex.Message);
    }

    [Fact]
    public void Entries_survive_wrapping_and_growing_in_order()
    {
        var queue = new SignalQueue(4);
        for (var n = 0; n < 3; n++)
            queue.Append(Numbered(n));
        Assert.Equal(0, queue.At(0).InputIndex);
        queue.MarkConsumed(2);
        for (var n = 3; n < 6; n++)
            queue.Append(Numbered(n)); // wraps over the two consumed slots
        Assert.Equal(4, queue.Capacity);
        Assert.Equal(0, queue.Growths);
        queue.Append(Numbered(6)); // 5 pending in 4 slots: grows, keeping 2..5
        Assert.Equal(8, queue.Capacity);
        Assert.Equal(1, queue.Growths);
        for (var n = 2; n < 7; n++)
            Assert.Equal(Numbered(n), queue.At(n));
        Assert.Equal(7, queue.Written);
    }

    [Fact]
    public void Any_interleaving_of_appends_and_consumes_reads_back_what_was_appended()
    {
        // Each step: append k signals (an event's signals), then consume everything up to a point, like the two stages.
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.ListOf(Gen.Choose(0, 9)).ToArbitrary(), steps =>
        {
            var queue = new SignalQueue(2);
            long next = 0, consumed = 0;
            foreach (var k in steps)
            {
                for (var i = 0; i < k; i++)
                    queue.Append(Numbered(next++));
                // The consumer lags by at most a few events' worth.
                var upTo = Math.Max(consumed, next - k % 4);
                for (var i = consumed; i < upTo; i++)
                {
                    if (queue.At(i) != Numbered(i))
                        return false;
                }
                queue.MarkConsumed(upTo);
                consumed = upTo;
            }
            for (var i = consumed; i < next; i++)
            {
                if (queue.At(i) != Numbered(i))
                    return false;
            }
            return queue.Written == next;
        }));
    }

    [Fact]
    public async Task A_producer_and_a_lagging_consumer_on_two_threads_exchange_every_signal_in_order()
    {
        const long Total = 200_000;
        var queue = new SignalQueue(8);
        long published = 0; // stands in for the ring sequence the flow stage publishes after appending
        var consumer = Task.Run(() =>
        {
            long read = 0;
            var spins = new SpinWait();
            while (read < Total)
            {
                var available = Volatile.Read(ref published);
                if (available == read)
                {
                    spins.SpinOnce();
                    continue;
                }
                for (; read < available; read++)
                {
                    if (queue.At(read).InputIndex != read || queue.At(read).Size != read * 3)
                        return read;
                }
                queue.MarkConsumed(read);
            }
            return -1L;
        });
        for (long n = 0; n < Total; n++)
        {
            queue.Append(Numbered(n));
            if ((n & 15) == 15 || n == Total - 1)
                Volatile.Write(ref published, n + 1);
        }
        // WaitAsync throws a TimeoutException if the consumer hangs.
        var firstWrong = await consumer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(-1L, firstWrong);
        Assert.True(queue.Capacity >= 8);
    }
}
