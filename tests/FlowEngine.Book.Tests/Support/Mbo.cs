using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests.Support;

/// <summary>Builds synthetic MBO records the way a venue would send them (F_LAST unless said otherwise).</summary>
internal static class Mbo
{
    public const uint Instrument = 17077;

    /// <summary>A price given in points as a decimal, in 1e-9 units.</summary>
    public static long Px(decimal points) => (long)(points * 1_000_000_000m);

    public static MboEvent Add(ulong id, MboSide side, long price, uint size, MboFlags flags = MboFlags.Last) =>
        Record(MboAction.Add, id, side, price, size, flags);

    public static MboEvent Cancel(ulong id, uint size, MboSide side = MboSide.Bid, long price = 0, MboFlags flags = MboFlags.Last) =>
        Record(MboAction.Cancel, id, side, price, size, flags);

    public static MboEvent Modify(ulong id, MboSide side, long price, uint size, MboFlags flags = MboFlags.Last) =>
        Record(MboAction.Modify, id, side, price, size, flags);

    public static MboEvent Clear(MboFlags flags = MboFlags.Last) =>
        Record(MboAction.Clear, 0, MboSide.None, MboEvent.UndefinedPrice, 0, flags);

    public static MboEvent Trade(MboSide aggressor, long price, uint size, MboFlags flags = MboFlags.None) =>
        Record(MboAction.Trade, 0, aggressor, price, size, flags);

    public static MboEvent Fill(ulong id, MboSide side, long price, uint size, MboFlags flags = MboFlags.None) =>
        Record(MboAction.Fill, id, side, price, size, flags);

    public static MboEvent NoAction(MboFlags flags = MboFlags.Last) =>
        Record(MboAction.None, 0, MboSide.None, MboEvent.UndefinedPrice, 0, flags);

    public static MboEvent Record(MboAction action, ulong id, MboSide side, long price, uint size, MboFlags flags)
    {
        s_sequence++;
        return new MboEvent
        {
            TsEvent = 1_700_000_000_000_000_000 + s_sequence,
            TsRecv = 1_700_000_000_000_000_100 + s_sequence,
            OrderId = id,
            Price = price,
            InstrumentId = Instrument,
            Size = size,
            Sequence = (uint)s_sequence,
            Action = action,
            Side = side,
            Flags = flags,
            Kind = EventKind.Mbo,
        };
    }

    /// <summary>Applies every record and returns the book, for tests that only look at the end state.</summary>
    public static OrderBook BookOf(params MboEvent[] events)
    {
        var book = new OrderBook(Instrument);
        foreach (var e in events)
            book.Apply(in e);
        return book;
    }

    [ThreadStatic]
    private static long s_sequence;
}
