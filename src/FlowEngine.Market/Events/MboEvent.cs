using System.Runtime.InteropServices;

namespace FlowEngine.Market.Events;

/// <summary>
/// One market-by-order record, or one engine event (timer tick, definition, status, gap), in exactly one
/// 64-byte cache line. It is blittable so ring slots, journal blocks and DBN buffers can hold it without
/// conversion, and it carries DBN's fields with DBN's units (price in 1e-9, times in ns since the epoch)
/// so nothing is lost between decode, journal and export.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = ByteSize)]
public struct MboEvent
{
    /// <summary>Size of the struct in bytes: one cache line.</summary>
    public const int ByteSize = 64;

    /// <summary>DBN's undefined price (i64::MAX).</summary>
    public const long UndefinedPrice = long.MaxValue;

    /// <summary>Matching-engine timestamp, ns since the UNIX epoch (DBN ts_event).</summary>
    [FieldOffset(0)] public long TsEvent;

    /// <summary>Capture-server receive timestamp, ns since the UNIX epoch (DBN ts_recv). Event time for the engine.</summary>
    [FieldOffset(8)] public long TsRecv;

    /// <summary>Venue order id.</summary>
    [FieldOffset(16)] public ulong OrderId;

    /// <summary>Price in units of 1e-9; <see cref="UndefinedPrice"/> when undefined.</summary>
    [FieldOffset(24)] public long Price;

    /// <summary>Numeric instrument id (DBN instrument_id).</summary>
    [FieldOffset(32)] public uint InstrumentId;

    /// <summary>Order size, or for a cancel the size removed.</summary>
    [FieldOffset(36)] public uint Size;

    /// <summary>Venue message sequence number (DBN sequence).</summary>
    [FieldOffset(40)] public uint Sequence;

    /// <summary>Matching-engine-sending to ts_recv delta in ns (DBN ts_in_delta).</summary>
    [FieldOffset(44)] public int TsInDelta;

    /// <summary>Databento publisher id (dataset + venue).</summary>
    [FieldOffset(48)] public ushort PublisherId;

    /// <summary>Channel id within the venue feed.</summary>
    [FieldOffset(50)] public byte ChannelId;

    /// <summary>What the record does to the book.</summary>
    [FieldOffset(51)] public MboAction Action;

    /// <summary>Order side, or aggressor side for trades and fills.</summary>
    [FieldOffset(52)] public MboSide Side;

    /// <summary>DBN flags.</summary>
    [FieldOffset(53)] public MboFlags Flags;

    /// <summary>MBO record or engine event.</summary>
    [FieldOffset(54)] public EventKind Kind;

    /// <summary>Kind-specific payload (tick number, status code, gap size); 0 for MBO records.</summary>
    [FieldOffset(56)] public long Aux;

    /// <summary>True when the book is consistent after this record (F_LAST).</summary>
    public readonly bool IsLast => (Flags & MboFlags.Last) != 0;

    /// <summary>Creates an event-time timer tick for the given tick number.</summary>
    public static MboEvent TimerTick(long tsRecv, long tickNumber) => new()
    {
        TsEvent = tsRecv,
        TsRecv = tsRecv,
        Price = UndefinedPrice,
        Action = MboAction.None,
        Side = MboSide.None,
        Kind = EventKind.TimerTick,
        Aux = tickNumber,
    };
}
