using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>Sizes and event contents shared by every ring-vs-queue suite, so all contenders do identical work.</summary>
internal static class BenchSetup
{
    /// <summary>Events per benchmark invocation, the same for every contender.</summary>
    public const int EventCount = 1 << 22; // 4,194,304

    /// <summary>Ring slots and bounded-queue capacity: 16,384 × 64 B = 1 MiB, which stays in L2.</summary>
    public const int Capacity = 1 << 14;

    /// <summary>Events claimed per batch in the batch-publish variants.</summary>
    public const int PublishBatch = 64;

    /// <summary>Fills a slot the way a decoder would: every field written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fill(ref MboEvent e, long i)
    {
        e.TsEvent = i;
        e.TsRecv = i;
        e.OrderId = (ulong)i;
        e.Price = 4_500_000_000_000 + i;
        e.InstrumentId = 42;
        e.Size = 1;
        e.Sequence = (uint)i;
        e.TsInDelta = 0;
        e.PublisherId = 1;
        e.ChannelId = 0;
        e.Action = MboAction.Add;
        e.Side = MboSide.Bid;
        e.Flags = MboFlags.Last;
        e.Kind = EventKind.Mbo;
        e.Aux = 0;
    }

    /// <summary>Claims, fills and publishes <paramref name="count"/> events, <see cref="PublishBatch"/> slots per claim.</summary>
    public static void PublishBatches(RingBuffer<MboEvent> ring, int count)
    {
        for (var i = 0; i < count; i += PublishBatch)
        {
            var hi = ring.Next(PublishBatch);
            var lo = hi - PublishBatch + 1;
            for (var s = lo; s <= hi; s++)
                Fill(ref ring[s], s);
            ring.Publish(lo, hi);
        }
    }

    /// <summary>Waits (spinning, then yielding) until <paramref name="sequence"/> reaches <paramref name="target"/>.</summary>
    public static void AwaitSequence(FlowEngine.Ring.Sequence sequence, long target)
    {
        var spinner = default(SpinWait);
        while (sequence.Value < target)
            spinner.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Waits (spinning, then yielding) until <paramref name="counter"/> reaches <paramref name="target"/>.</summary>
    public static void AwaitCount(ref long counter, long target)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref counter) < target)
            spinner.SpinOnce(sleep1Threshold: -1);
    }
}
