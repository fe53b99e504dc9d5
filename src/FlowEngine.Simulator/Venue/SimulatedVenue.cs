using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;
using FlowEngine.Simulator.Randomness;

namespace FlowEngine.Simulator.Venue;

/// <summary>
/// The simulated matching engine: the only code that changes the books, and it writes the MBO records for
/// every change at the same time, so the stream and the books cannot disagree. Records follow CME/Databento
/// MBO conventions as seen in real GLBX.MDP3 data: an aggressive order is one venue event of, per price
/// level, a T record (aggressor's order id and side, level price, size traded there) followed by one F record
/// per resting order filled (that order's id, the resting side, the fill size); after all levels, one C
/// (fully filled: size removed) or M (partly filled: new remaining size, same price) per filled order in
/// the same order; F_LAST on the final record. Adds, cancels and modifies are single-record events.
/// </summary>
internal sealed class SimulatedVenue
{
    private const ulong FirstOrderId = 6_420_000_000_000;

    private long _lastTsEvent;
    private uint _sequence;
    private ulong _nextOrderId = FirstOrderId;
    private int[] _fillSlot = new int[1024];
    private int[] _fillQty = new int[1024];
    private readonly int[] _levelTick = new int[MaxTradeLevels];
    private readonly int[] _levelQty = new int[MaxTradeLevels];
    private readonly int[] _levelEnd = new int[MaxTradeLevels];

    /// <summary>Most price levels one aggressive order may trade at.</summary>
    public const int MaxTradeLevels = 32;

    /// <summary>Creates the venue over the given books.</summary>
    public SimulatedVenue(Xoshiro256StarStar rng, SimulatedBook[] books, RecordBuffer records)
    {
        Rng = rng;
        Books = books;
        Records = records;
    }

    /// <summary>The session's random stream.</summary>
    public Xoshiro256StarStar Rng { get; }
    /// <summary>One book per instrument, in definition order.</summary>
    public SimulatedBook[] Books { get; }
    /// <summary>Where records are written.</summary>
    public RecordBuffer Records { get; }

    /// <summary>ts_recv of the venue event being generated (ns since the epoch).</summary>
    public long Now;

    /// <summary>Levels traded by the last <see cref="Trade"/> call.</summary>
    public int LastTradeLevels { get; private set; }
    /// <summary>Tick of the first level traded by the last <see cref="Trade"/> call.</summary>
    public int LastTradeFirstTick { get; private set; }
    /// <summary>Tick of the last level traded by the last <see cref="Trade"/> call.</summary>
    public int LastTradeLastTick { get; private set; }

    /// <summary>A fresh venue order id (ids increase through the session, like CME's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NewOrderId() => _nextOrderId++;

    /// <summary>DBN side character of an internal side index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MboSide ToMbo(int side) => side == SimulatedBook.Bid ? MboSide.Bid : MboSide.Ask;

    /// <summary>
    /// Opens a venue event at <see cref="Now"/>: next sequence number, ts_event 20–60 µs before ts_recv
    /// (never earlier than the previous ts_event), ts_in_delta 10–25 µs.
    /// </summary>
    public void BeginEvent(MboFlags baseFlags = MboFlags.None) => BeginEvent((uint)Rng.NextU64(), baseFlags);

    /// <summary>
    /// Opens a venue event using 30 random bits the caller already drew (low 16: latency, next 14: ts_in_delta),
    /// saving a generator call on the hottest paths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginEvent(uint entropy, MboFlags baseFlags = MboFlags.None)
    {
        var latency = 20_000 + (long)(((entropy & 0xFFFF) * 40_000) >> 16);
        var tsEvent = Now - latency;
        if (tsEvent < _lastTsEvent) tsEvent = _lastTsEvent;
        _lastTsEvent = tsEvent;
        var inDelta = 10_000 + (int)((((entropy >> 16) & 0x3FFF) * 15_000) >> 14);
        Records.BeginEvent(Now, tsEvent, inDelta, ++_sequence, baseFlags);
    }

    /// <summary>
    /// Opens the venue event of an opening snapshot: ts_event = ts_recv = <see cref="Now"/> (the session start),
    /// so nothing in the stream precedes the definitions in either clock.
    /// </summary>
    public void BeginSnapshotEvent()
    {
        _lastTsEvent = Now;
        Records.BeginEvent(Now, Now, 0, ++_sequence, MboFlags.Snapshot | MboFlags.BadTsRecv);
    }

    /// <summary>One add event; returns the new order's slot.</summary>
    public int Add(SimulatedBook book, int side, int tick, int size, byte owner, ulong orderId) =>
        Add(book, side, tick, size, owner, orderId, (uint)Rng.NextU64());

    /// <summary>One add event with caller-supplied header entropy (see <see cref="BeginEvent(uint, MboFlags)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(SimulatedBook book, int side, int tick, int size, byte owner, ulong orderId, uint entropy)
    {
        BeginEvent(entropy);
        var slot = book.Insert(orderId, side, tick, size, owner);
        Records.Append(book.InstrumentId, MboAction.Add, ToMbo(side), orderId, tick * book.TickSize, (uint)size);
        Records.EndEvent();
        return slot;
    }

    /// <summary>One cancel event removing the whole order.</summary>
    public void Cancel(SimulatedBook book, int slot) => Cancel(book, slot, (uint)Rng.NextU64());

    /// <summary>One cancel event with caller-supplied header entropy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Cancel(SimulatedBook book, int slot, uint entropy)
    {
        ref var o = ref book.Pool.Orders[slot];
        BeginEvent(entropy);
        Records.Append(book.InstrumentId, MboAction.Cancel, ToMbo(o.Side), o.Id, o.Tick * book.TickSize, (uint)o.Size);
        Records.EndEvent();
        book.Remove(slot);
    }

    /// <summary>
    /// One modify event: new price and size. A size decrease at the same price keeps queue priority; any
    /// price change or size increase sends the order to the back of its (new) level, as on CME.
    /// </summary>
    public void Modify(SimulatedBook book, int slot, int newTick, int newSize, uint entropy)
    {
        ref var o = ref book.Pool.Orders[slot];
        BeginEvent(entropy);
        Records.Append(book.InstrumentId, MboAction.Modify, ToMbo(o.Side), o.Id, newTick * book.TickSize, (uint)newSize);
        Records.EndEvent();
        if (newTick == o.Tick && newSize <= o.Size) book.Reduce(slot, newSize);
        else book.Requeue(slot, newTick, newSize);
    }

    /// <summary>
    /// An aggressive order of <paramref name="qty"/> lots from <paramref name="aggressorSide"/> matched against
    /// the opposite side's queue in price-time priority, over at most <paramref name="maxLevels"/> levels.
    /// <paramref name="keepLastLot"/> leaves at least one lot on the (single) level so the price does not move;
    /// <paramref name="protectOwned"/> stops before any episode-owned order. Returns the lots traded (0: nothing
    /// emitted).
    /// </summary>
    public int Trade(SimulatedBook book, int aggressorSide, int qty, int maxLevels, bool keepLastLot, bool protectOwned)
    {
        var resting = 1 - aggressorSide;
        var tick = book.Best(resting);
        if (!book.HasSide(resting) || qty <= 0) return 0;
        if (maxLevels > MaxTradeLevels) maxLevels = MaxTradeLevels;
        if (keepLastLot)
        {
            var levelSize = book.Level(resting, tick).Size;
            if (qty > levelSize - 1) qty = levelSize - 1;
            if (qty <= 0) return 0;
        }

        var orders = book.Pool.Orders;
        var fills = 0;
        var levels = 0;
        var remaining = qty;
        while (remaining > 0 && levels < maxLevels)
        {
            ref var level = ref book.Level(resting, tick);
            var levelQty = 0;
            var o = level.Head;
            while (remaining > 0 && o >= 0)
            {
                ref var order = ref orders[o];
                if (protectOwned && order.Owner != 0) { remaining = -remaining; break; }
                var f = order.Size < remaining ? order.Size : remaining;
                if (fills == _fillSlot.Length)
                {
                    Array.Resize(ref _fillSlot, fills * 2);
                    Array.Resize(ref _fillQty, fills * 2);
                }
                _fillSlot[fills] = o;
                _fillQty[fills++] = f;
                levelQty += f;
                remaining -= f;
                o = order.Next;
            }
            if (levelQty > 0)
            {
                _levelTick[levels] = tick;
                _levelQty[levels] = levelQty;
                _levelEnd[levels++] = fills;
            }
            if (remaining <= 0) break;
            tick = book.NextLevel(resting, tick);
            if (tick is SimulatedBook.NoBid or SimulatedBook.NoAsk) break;
        }
        if (fills == 0) return 0;

        Records.EnsureRoom(2 * fills + levels);
        BeginEvent();
        var aggressorId = NewOrderId();
        var aggressor = ToMbo(aggressorSide);
        var restingSide = ToMbo(resting);
        var id = book.InstrumentId;
        var tickSize = book.TickSize;
        var traded = 0;
        var start = 0;
        for (var l = 0; l < levels; l++)
        {
            var price = _levelTick[l] * tickSize;
            Records.Append(id, MboAction.Trade, aggressor, aggressorId, price, (uint)_levelQty[l]);
            for (var i = start; i < _levelEnd[l]; i++)
                Records.Append(id, MboAction.Fill, restingSide, orders[_fillSlot[i]].Id, price, (uint)_fillQty[i]);
            traded += _levelQty[l];
            start = _levelEnd[l];
        }
        for (var i = 0; i < fills; i++)
        {
            var slot = _fillSlot[i];
            ref var order = ref orders[slot];
            var f = _fillQty[i];
            if (f == order.Size)
            {
                Records.Append(id, MboAction.Cancel, restingSide, order.Id, order.Tick * tickSize, (uint)f);
                book.Remove(slot);
            }
            else
            {
                Records.Append(id, MboAction.Modify, restingSide, order.Id, order.Tick * tickSize, (uint)(order.Size - f));
                book.Reduce(slot, order.Size - f);
            }
        }
        Records.EndEvent();
        LastTradeLevels = levels;
        LastTradeFirstTick = _levelTick[0];
        LastTradeLastTick = _levelTick[levels - 1];
        return traded;
    }
}
