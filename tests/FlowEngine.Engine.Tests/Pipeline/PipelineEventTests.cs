using System.Runtime.CompilerServices;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Tests.Pipeline;

/// <summary>The slot is two cache lines, so the ring (which starts slots on a line) never splits one across three.</summary>
public sealed class PipelineEventTests
{
    [Fact]
    public void A_slot_is_exactly_two_cache_lines()
    {
        Assert.Equal(PipelineEvent.Size, Unsafe.SizeOf<PipelineEvent>());
        Assert.Equal(0, PipelineEvent.Size % 64);
    }

    [Fact]
    public void Consecutive_slots_of_the_engine_ring_start_on_cache_lines()
    {
        var ring = new RingBuffer<PipelineEvent>(1024);
        for (var s = 0; s < 1024; s += 3)
        {
            var offset = Unsafe.ByteOffset(ref ring[0], ref ring[s]);
            Assert.Equal((nint)(s * PipelineEvent.Size), offset);
        }
    }
}
