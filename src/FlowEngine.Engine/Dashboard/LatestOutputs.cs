using System.Buffers.Binary;
using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Dashboard;

/// <summary>
/// The most recent outputs, handed from the output stage's thread to one cold-side reader (the dashboard)
/// without either of them ever waiting: a fixed ring of slots that the writer overwrites oldest-first, so a
/// slow or absent reader costs the pipeline nothing. Whatever was overwritten before the reader got to it is
/// counted in <see cref="Dropped"/> instead of being delivered.
/// </summary>
/// <remarks>
/// <para>Each slot is guarded by a version (a per-slot seqlock): the writer stamps it odd, writes the record,
/// stamps it even with the record's position; the reader copies a slot only when it carries the even stamp it
/// expects before and after the copy, so it never returns a half-written record. Every store and load goes
/// through <see cref="Volatile"/>, which costs plain moves on x64 and keeps the order on weaker memory models.</para>
/// <para>Payloads longer than <see cref="MaxPayloadBytes"/> keep their first bytes and their true length
/// (<see cref="OutputRecord.IsTruncated"/>): the dashboard shows a summary, the journal keeps the whole output.</para>
/// </remarks>
public sealed class LatestOutputs
{
    /// <summary>Payload bytes kept per output (an IFD signal is 232 bytes, a top-of-book change 56).</summary>
    public const int MaxPayloadBytes = 256;

    private const int HeaderWords = 3; // version, input sequence, kind | stored length << 16 | length << 32
    private const int Stride = HeaderWords + MaxPayloadBytes / 8;

    private readonly long[] _slots;
    private readonly int _mask;
    private PaddedLong _written;
    private long _next;
    private long _dropped;
    private long _passedOver;

    /// <summary>Creates a buffer of <paramref name="capacity"/> slots (a power of two); storage is allocated once, here.</summary>
    public LatestOutputs(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if ((capacity & (capacity - 1)) != 0)
            throw new ArgumentException($"capacity must be a power of two, got {capacity}", nameof(capacity));
        Capacity = capacity;
        _mask = capacity - 1;
        _slots = new long[capacity * Stride];
    }

    /// <summary>Slots: at most this many outputs wait for the reader before the oldest is overwritten.</summary>
    public int Capacity { get; }

    /// <summary>Outputs written so far; any thread.</summary>
    public long Written => Volatile.Read(ref _written.Value);

    /// <summary>Outputs overwritten before the reader took them. Reader thread.</summary>
    public long Dropped => _dropped;

    /// <summary>Outputs the reader took (copied or passed over). Reader thread.</summary>
    public long Delivered => _next - _dropped;

    /// <summary>Outputs that were still in the buffer but that the reader chose not to copy (see <see cref="Drain"/>). Reader thread.</summary>
    public long PassedOver => _passedOver;

    /// <summary>Records one output, overwriting the oldest when the reader is behind. Writer thread only; never blocks, never allocates.</summary>
    public void Write(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        var position = _written.Value;
        var b = (int)(position & _mask) * Stride;
        var stored = Math.Min(payload.Length, MaxPayloadBytes);
        Volatile.Write(ref _slots[b], 2 * position + 1);
        Volatile.Write(ref _slots[b + 1], inputSequence);
        Volatile.Write(ref _slots[b + 2], kind | ((long)stored << 16) | ((long)payload.Length << 32));
        var full = stored >> 3;
        for (var w = 0; w < full; w++)
            Volatile.Write(ref _slots[b + HeaderWords + w], BinaryPrimitives.ReadInt64LittleEndian(payload.Slice(w * 8, 8)));
        if ((stored & 7) != 0)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            payload.Slice(full * 8, stored & 7).CopyTo(tail);
            Volatile.Write(ref _slots[b + HeaderWords + full], BinaryPrimitives.ReadInt64LittleEndian(tail));
        }
        Volatile.Write(ref _slots[b], 2 * position + 2);
        Volatile.Write(ref _written.Value, position + 1);
    }

    /// <summary>
    /// Appends every output written since the previous call that is still in the buffer to <paramref name="into"/>,
    /// oldest first, and counts the rest as <see cref="Dropped"/>; returns how many were appended. With
    /// <paramref name="newest"/>, only that many of the newest are copied and the older ones still in the buffer
    /// are passed over (counted in <see cref="PassedOver"/>, not as dropped). Reader thread only (allocates one
    /// record per output copied: cold side).
    /// </summary>
    public int Drain(ICollection<OutputRecord> into, int newest = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(newest);
        var head = Written;
        var from = Math.Max(_next, head - Capacity);
        _dropped += from - _next;
        var copyFrom = Math.Max(from, head - newest);
        _passedOver += copyFrom - from;
        var added = 0;
        for (var position = copyFrom; position < head; position++)
        {
            if (TryRead(position) is { } record)
            {
                into.Add(record);
                added++;
            }
            else
            {
                _dropped++; // overwritten while we were copying it
            }
        }
        _next = head;
        return added;
    }

    private OutputRecord? TryRead(long position)
    {
        var b = (int)(position & _mask) * Stride;
        var expected = 2 * position + 2;
        if (Volatile.Read(ref _slots[b]) != expected)
            return null;
        var inputSequence = Volatile.Read(ref _slots[b + 1]);
        var header = Volatile.Read(ref _slots[b + 2]);
        var stored = Math.Min((int)((header >> 16) & 0xFFFF), MaxPayloadBytes);
        var bytes = new byte[stored];
        Span<byte> word = stackalloc byte[8];
        for (var w = 0; w * 8 < stored; w++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(word, Volatile.Read(ref _slots[b + HeaderWords + w]));
            word[..Math.Min(8, stored - w * 8)].CopyTo(bytes.AsSpan(w * 8));
        }
        if (Volatile.Read(ref _slots[b]) != expected)
            return null;
        return new OutputRecord(position, (ushort)(header & 0xFFFF), inputSequence, bytes, (int)(header >> 32));
    }
}
