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
    private readonly ushort _publisherId;
    private long _tsRecv;
    private long _tsEvent;
    private int _tsInDelta;
    private uint _sequence;
    private MboFlags _baseFlags;

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
        _publisherId = publisherId;
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
        _tsRecv = tsRecv;
        _tsEvent = tsEvent;
        _tsInDelta = tsInDelta;
        _sequence = sequence;
        _baseFlags = baseFlags;
    }

    /// <summary>Appends one MBO record of the current venue event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(uint instrumentId, MboAction action, MboSide side, ulong orderId, long price, uint size)
    {
        ref var e = ref Items[Count++];
        e.TsEvent = _tsEvent;
        e.TsRecv = _tsRecv;
        e.OrderId = orderId;
        e.Price = price;
        e.InstrumentId = instrumentId;
        e.Size = size;
        e.Sequence = _sequence;
        e.TsInDelta = _tsInDelta;
        e.PublisherId = _publisherId;
        e.ChannelId = 0;
        e.Action = action;
        e.Side = side;
        e.Flags = _baseFlags;
        e.Kind = EventKind.Mbo;
        e.Aux = 0;
    }

    /// <summary>Marks the last appended record F_LAST: the book is consistent after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndEvent() => Items[Count - 1].Flags |= MboFlags.Last;
}
