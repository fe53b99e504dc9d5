using System.Runtime.CompilerServices;
using FlowEngine.Ring;

namespace FlowEngine.Ring.Tests;

/// <summary>
/// Where slots live in memory. A 64-byte event that straddles two cache lines shares one with its neighbour, and
/// then the producer filling the next slot and the consumer reading this one contend for it on every event
/// (measured: 1P→1C batch publish 6.9 ns with a heap-placed array, 2.7 ns aligned).
/// </summary>
public sealed unsafe class SlotLayoutTests
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 64)]
    private struct Event64
    {
        public long A;
    }

    private struct WithReference
    {
        public long Value;
        public string? Name;
    }

    [Fact]
    public void Every_64_byte_slot_starts_on_a_cache_line_and_slots_are_contiguous()
    {
        Assert.Equal(64, Unsafe.SizeOf<Event64>());
        foreach (var size in new[] { 16, 1024, 65536 })
        {
            var ring = new RingBuffer<Event64>(size);
            var first = (nint)Unsafe.AsPointer(ref ring[0]);
            Assert.Equal(0, first % 64);
            for (var s = 0L; s < size * 2; s += 7)
                Assert.Equal(first + (nint)((s & (size - 1)) * 64), (nint)Unsafe.AsPointer(ref ring[s]));
        }
    }

    [Fact]
    public void Slots_start_zeroed_and_keep_what_is_written_across_wraps()
    {
        var ring = new RingBuffer<Event64>(16);
        for (var s = 0; s < 16; s++)
            Assert.Equal(default, ring[s]);
        for (var s = 0L; s < 100; s++)
            ring[s].A = s;
        for (var s = 84L; s < 100; s++)
            Assert.Equal(s, ring[s].A);
    }

    [Fact]
    public void Events_holding_references_use_an_ordinary_array_and_work_end_to_end()
    {
        using var pipeline = new RingPipeline<WithReference>(16);
        var seen = new List<string?>();
        pipeline.HandleEventsWith(new Collect(seen));
        var ring = pipeline.Start();
        for (var i = 0; i < 40; i++)
        {
            var s = ring.Next();
            ring[s] = new WithReference { Value = i, Name = "e" + i };
            ring.Publish(s);
        }
        Assert.True(pipeline.Halt(TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "e" + i), seen);
    }

    private sealed class Collect(List<string?> seen) : IValueEventHandler<WithReference>
    {
        public void OnEvent(ref WithReference data, long sequence, bool endOfBatch) => seen.Add(data.Name);
    }
}
