using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Venue;

/// <summary>
/// Records generated but not yet handed out. A venue event (a trade with its fills, a quote pull) is built
/// here in one go, so the book stays consistent inside the generator, and then drained one record per
/// <see cref="MarketSimulator.Next"/> call. Every record of one venue event shares its timestamps and
/// sequence number; the last one carries F_LAST.
/// </summary>
internal sealed class RecordBuffer
{
    // Header of the current venue event; each record starts as a copy of it (one 64-byte copy instead of
    // eleven field stores), then gets its own order, price, size, action and side.
    private MboEvent _header;

    /// <summary>The records; valid from <see cref="Position"/> to <see cref="Count"/>.</summary>
    public MboEvent[] Items;
    /// <summary>Number of records written.</summary>
    public int Count;
    /// <summary>Next record to hand out.</summary>
    public int Position;

    /// <summary>Creates a buffer for <paramref name="capacity"/> records.</summary>
    public RecordBuffer(int capacity, ushort publisherId)
    {
        Items = new MboEvent[capacity];
        _header.PublisherId = publisherId;
        _header.Kind = EventKind.Mbo;
    }

    /// <summary>True when every written record has been handed out.</summary>
    public bool IsDrained => Position >= Count;

    /// <summary>Starts over; only call when drained.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        Count = 0;
        Position = 0;
    }

    /// <summary>Makes room for <paramref name="records"/> more records (grows only for unusually large events).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureRoom(int records)
    {
        if (Count + records > Items.Length) Array.Resize(ref Items, Math.Max(Items.Length * 2, Count + records));
    }

    /// <summary>Sets the header every following record of this venue event carries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginEvent(long tsRecv, long tsEvent, int tsInDelta, uint sequence, MboFlags baseFlags)
    {
        _header.TsRecv = tsRecv;
        _header.TsEvent = tsEvent;
        _header.TsInDelta = tsInDelta;
        _header.Sequence = sequence;
        _header.Flags = baseFlags;
    }

    /// <summary>Appends one MBO record of the current venue event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(uint instrumentId, MboAction action, MboSide side, ulong orderId, long price, uint size)
    {
        ref var e = ref Items[Count++];
        e = _header;
        e.OrderId = orderId;
        e.Price = price;
        e.InstrumentId = instrumentId;
        e.Size = size;
        e.Action = action;
        e.Side = side;
    }

    /// <summary>Marks the last appended record F_LAST: the book is consistent after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndEvent() => Items[Count - 1].Flags |= MboFlags.Last;
}
