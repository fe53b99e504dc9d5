using System.Buffers.Binary;
using FlowEngine.Engine.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Dashboard;

/// <summary>The dashboard's drop-oldest output buffer: what a reader gets, what it is told it lost, and that a writer never tears a record.</summary>
public sealed class LatestOutputsTests
{
    private static byte[] PayloadOf(long position, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(position * 31 + i * 7);
        return bytes;
    }

    [Fact]
    public void A_reader_that_falls_behind_gets_the_newest_outputs_and_counts_the_oldest_as_dropped()
    {
        var buffer = new LatestOutputs(capacity: 8);
        for (var i = 0; i < 20; i++)
            buffer.Write(1, 1000 + i, PayloadOf(i, 56));

        var got = new List<OutputRecord>();
        Assert.Equal(8, buffer.Drain(got));

        Assert.Equal(Enumerable.Range(12, 8).Select(i => (long)i), got.Select(r => r.Position));
        Assert.Equal(Enumerable.Range(1012, 8).Select(i => (long)i), got.Select(r => r.InputSequence));
        Assert.All(got, r => Assert.Equal(PayloadOf(r.Position, 56), r.Payload.ToArray()));
        Assert.Equal(12, buffer.Dropped);
        Assert.Equal(8, buffer.Delivered);
        Assert.Equal(20, buffer.Written);

        // Keeping up loses nothing more.
        for (var i = 20; i < 23; i++)
            buffer.Write(2, 1000 + i, PayloadOf(i, 10));
        got.Clear();
        Assert.Equal(3, buffer.Drain(got));
        Assert.Equal([20L, 21, 22], got.Select(r => r.Position));
        Assert.All(got, r => Assert.Equal(2, r.Kind));
        Assert.Equal(12, buffer.Dropped);
        Assert.Equal(11, buffer.Delivered);

        got.Clear();
        Assert.Equal(0, buffer.Drain(got));
        Assert.Empty(got);
    }

    [Fact]
    public void A_reader_that_wants_only_the_newest_passes_over_the_rest_without_calling_them_dropped()
    {
        var buffer = new LatestOutputs(capacity: 8);
        for (var i = 0; i < 20; i++)
            buffer.Write(1, i, PayloadOf(i, 16));

        var got = new List<OutputRecord>();
        Assert.Equal(3, buffer.Drain(got, newest: 3));

        Assert.Equal([17L, 18, 19], got.Select(r => r.Position));
        Assert.Equal(12, buffer.Dropped);
        Assert.Equal(5, buffer.PassedOver);
        Assert.Equal(8, buffer.Delivered);

        buffer.Write(1, 20, PayloadOf(20, 16));
        got.Clear();
        Assert.Equal(1, buffer.Drain(got, newest: 3));
        Assert.Equal(20, got[0].Position);
        Assert.Equal(12, buffer.Dropped);
        Assert.Equal(5, buffer.PassedOver);
    }

    [Fact]
    public void Any_payload_comes_back_as_written_or_as_its_first_bytes_and_true_length()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(
            Gen.Choose(0, 600).ToArbitrary(),
            Gen.Choose(0, 5).ToArbitrary(),
            (length, extra) =>
            {
                var buffer = new LatestOutputs(capacity: 4);
                for (var i = 0; i <= extra; i++)
                    buffer.Write((ushort)(i + 3), i * 10, PayloadOf(i, length));
                var got = new List<OutputRecord>();
                buffer.Drain(got);
                var last = got[^1];
                var kept = Math.Min(length, LatestOutputs.MaxPayloadBytes);
                return got.Count == Math.Min(extra + 1, 4)
                    && last.Kind == extra + 3
                    && last.InputSequence == extra * 10
                    && last.Length == length
                    && last.IsTruncated == (length > LatestOutputs.MaxPayloadBytes)
                    && last.Payload.Span.SequenceEqual(PayloadOf(extra, length).AsSpan(0, kept))
                    && buffer.Dropped == Math.Max(0, extra + 1 - 4);
            }));
    }

    [Fact]
    public void Writing_allocates_nothing()
    {
        var buffer = new LatestOutputs(capacity: 16);
        var payload = PayloadOf(1, 232);
        for (var i = 0; i < 100; i++)
            buffer.Write(1, i, payload);
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
                buffer.Write(1, i, payload.AsSpan(0, i % 233));
        });
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public async Task A_concurrent_reader_never_sees_a_torn_record_and_accounts_for_every_output()
    {
        const int total = 400_000;
        var buffer = new LatestOutputs(capacity: 64);
        var writer = Task.Run(() =>
        {
            Span<byte> payload = stackalloc byte[56];
            for (long i = 0; i < total; i++)
            {
                // Every word says which output it belongs to: a torn copy would mix two positions.
                for (var w = 0; w < 7; w++)
                    BinaryPrimitives.WriteInt64LittleEndian(payload[(w * 8)..], i * 8 + w);
                buffer.Write((ushort)(i % 5 + 1), i, payload);
            }
        });

        var got = new List<OutputRecord>();
        long delivered = 0, lastPosition = -1;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var done = writer.IsCompleted;
            got.Clear();
            delivered += buffer.Drain(got);
            foreach (var r in got)
            {
                Assert.True(r.Position > lastPosition, $"position {r.Position} after {lastPosition}");
                lastPosition = r.Position;
                Assert.Equal(r.Position, r.InputSequence);
                Assert.Equal(r.Position % 5 + 1, r.Kind);
                Assert.Equal(56, r.Payload.Length);
                for (var w = 0; w < 7; w++)
                    Assert.Equal(r.Position * 8 + w, BinaryPrimitives.ReadInt64LittleEndian(r.Payload.Span[(w * 8)..]));
            }
            if (done)
                break;
            Assert.True(DateTime.UtcNow < deadline, "the writer did not finish within 30 s");
        }
        await writer;

        Assert.Equal(total, buffer.Written);
        Assert.Equal(total, delivered + buffer.Dropped);
        Assert.Equal(total - 1, lastPosition);
    }

    [Theory]
    [InlineData(0, "capacity")]
    [InlineData(100, "capacity must be a power of two, got 100")]
    public void A_bad_capacity_is_refused_with_a_message(int capacity, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new LatestOutputs(capacity));
        Assert.Contains(message, ex.Message);
    }
}
