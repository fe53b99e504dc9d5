using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// The exact L3 (market-by-order) book of one instrument: every live order by id with its queue position,
/// price levels with total size, order count and FIFO priority, and the best bid and ask.
/// </summary>
/// <remarks>
/// <para>Rules (Databento's MBO semantics): A adds an order at the back of its level (an A for a live id
/// replaces that order, so a repeated snapshot does not double the book); C removes its size from the
/// order and deletes the order when nothing is left; M replaces price and size, where a price change or a
/// size increase sends the order to the back of the queue and a decrease keeps its place; R clears the
/// book; T, F and N change nothing. An A carrying F_TOB replaces the whole side with that one order.
/// Irregular records are counted in <see cref="Anomalies"/> and never throw.</para>
/// <para>The book is consistent only after a record with F_LAST (<see cref="IsConsistent"/>); readers on
/// the hot path should look at it when <see cref="Apply"/> returns <see cref="ApplyResult.Last"/>.</para>
/// <para>Storage is pooled: orders and levels live in arrays with free lists and are linked by index, the
/// id map is open-addressed and each side is a sorted array. Capacities grow by doubling when exceeded,
/// which allocates; after that warm-up, applying events allocates nothing. Single-threaded: one writer,
/// and readers on the writer's thread.</para>
/// </remarks>
public sealed class OrderBook
{
    /// <summary>Orders the pools hold before the first growth; the ES test day peaks near 9,000.</summary>
    public const int DefaultOrderCapacity = 16_384;

    /// <summary>Levels per side before the first growth; the ES test day has 922 bid levels.</summary>
    public const int DefaultLevelCapacity = 2_048;

    private const int None = -1;

    internal OrderNode[] _orders;
    private int _orderTop;
    private int _freeOrder = None;
    private int _orderCount;
    private readonly OrderIdMap _ids;

    internal LevelNode[] _levels;
    private int _levelTop;
    private int _freeLevel = None;

    private readonly PriceLadder _bids;
    private readonly PriceLadder _asks;

    private TopOfBook _consistentTop = TopOfBook.Empty;
    private bool _consistent = true;
    private AnomalyCounts _anomalies;
    private long _lastTsRecv;
    private uint _lastSequence;
    private long _eventsApplied;

    /// <summary>Creates an empty book with pools sized for <paramref name="orderCapacity"/> orders.</summary>
    /// <param name="instrumentId">The instrument whose records this book accepts.</param>
    /// <param name="orderCapacity">Live orders to hold before the pools grow.</param>
    /// <param name="levelCapacity">Price levels per side to hold before the pools grow.</param>
    public OrderBook(uint instrumentId, int orderCapacity = DefaultOrderCapacity, int levelCapacity = DefaultLevelCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orderCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(levelCapacity, 1);
        InstrumentId = instrumentId;
        _orders = new OrderNode[orderCapacity];
        _ids = new OrderIdMap(orderCapacity);
        _levels = new LevelNode[levelCapacity * 2];
        _bids = new PriceLadder(levelCapacity);
        _asks = new PriceLadder(levelCapacity);
    }

    /// <summary>The instrument whose records this book accepts.</summary>
    public uint InstrumentId { get; }

    /// <summary>True when the last record applied carried F_LAST (or nothing was applied yet).</summary>
    public bool IsConsistent => _consistent;

    /// <summary>The top of book now; between F_LAST records it may show a half-applied event.</summary>
    public TopOfBook Top => ComputeTop();

    /// <summary>The top of book as it was at the last F_LAST record: the one to act on.</summary>
    public TopOfBook ConsistentTop => _consistentTop;

    /// <summary>Number of live orders on both sides.</summary>
    public int OrderCount => _orderCount;

    /// <summary>Anomaly counts by kind since the book was created.</summary>
    public AnomalyCounts Anomalies => _anomalies;

    /// <summary>ts_recv of the last MBO record applied, 0 before the first.</summary>
    public long LastTsRecv => _lastTsRecv;

    /// <summary>Sequence of the last MBO record applied, 0 before the first.</summary>
    public uint LastSequence => _lastSequence;

    /// <summary>Number of MBO records applied.</summary>
    public long EventsApplied => _eventsApplied;

    /// <summary>
    /// Applies one record. Non-MBO events (<see cref="MboEvent.Kind"/> other than <see cref="EventKind.Mbo"/>)
    /// are ignored. Never allocates once the pools have grown to the day's size.
    /// </summary>
    /// <exception cref="ArgumentException">The record belongs to another instrument (a routing bug, not bad data).</exception>
    public ApplyResult Apply(in MboEvent evt)
    {
        if (evt.Kind != EventKind.Mbo)
            return ApplyResult.None;
        if (evt.InstrumentId != InstrumentId)
            ThrowWrongInstrument(evt.InstrumentId);

        _eventsApplied++;
        _lastTsRecv = evt.TsRecv;
        _lastSequence = evt.Sequence;

        ApplyResult result;
        switch (evt.Action)
        {
            case MboAction.Add:
                result = ApplyAdd(in evt);
                break;
            case MboAction.Cancel:
                result = ApplyCancel(in evt);
                break;
            case MboAction.Modify:
                result = ApplyModify(in evt);
                break;
            case MboAction.Clear:
                ClearAll();
                result = ApplyResult.Changed;
                break;
            case MboAction.Trade:
            case MboAction.Fill:
            case MboAction.None:
                result = ApplyResult.None;
                break;
            default:
                _anomalies.Increment(AnomalyKind.UnknownAction);
                result = ApplyResult.None;
                break;
        }

        var flags = evt.Flags;
        if ((flags & MboFlags.MaybeBadBook) != 0)
            _anomalies.Increment(AnomalyKind.MaybeBadBook);
        if ((flags & MboFlags.Last) == 0)
        {
            _consistent = false;
            return result;
        }
        return result | CompleteEvent();
    }

    /// <summary>Number of price levels on <paramref name="side"/>.</summary>
    public int LevelCount(MboSide side) => Ladder(side).Count;

    /// <summary>The level <paramref name="depth"/> steps from the best (0 = best) on <paramref name="side"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are not that many levels.</exception>
    public BookLevel GetLevel(MboSide side, int depth)
    {
        var ladder = Ladder(side);
        if ((uint)depth >= (uint)ladder.Count)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"the {side} side has {ladder.Count} levels");
        return ToBookLevel(ladder.LevelAt(ladder.Count - 1 - depth));
    }

    /// <summary>The level at exactly <paramref name="price"/> on <paramref name="side"/>, if one rests there.</summary>
    public bool TryGetLevel(MboSide side, long price, out BookLevel level)
    {
        var ladder = Ladder(side);
        var index = ladder.IndexOf(KeyOf(side, price));
        if (index < 0)
        {
            level = default;
            return false;
        }
        level = ToBookLevel(ladder.LevelAt(index));
        return true;
    }

    /// <summary>
    /// Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first, and returns how
    /// many were written. No allocation: the caller owns the buffer.
    /// </summary>
    public int CopyDepth(MboSide side, Span<BookLevel> destination)
    {
        var ladder = Ladder(side);
        var n = Math.Min(destination.Length, ladder.Count);
        for (var d = 0; d < n; d++)
            destination[d] = ToBookLevel(ladder.LevelAt(ladder.Count - 1 - d));
        return n;
    }

    /// <summary>
    /// The live order <paramref name="orderId"/> with its queue position and the size ahead of it.
    /// O(position): the queue is walked from the order to the front.
    /// </summary>
    public bool TryGetOrder(ulong orderId, out BookOrder order)
    {
        var slot = _ids.Find(orderId);
        if (slot < 0)
        {
            order = default;
            return false;
        }
        ref readonly var node = ref _orders[slot];
        var position = 0;
        var ahead = 0L;
        for (var p = node.Prev; p != None; p = _orders[p].Prev)
        {
            position++;
            ahead += _orders[p].Size;
        }
        order = new BookOrder(node.Id, _levels[node.Level].Side, node.Price, node.Size, position, ahead);
        return true;
    }

    /// <summary>The orders of the level <paramref name="depth"/> steps from the best, in FIFO priority.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are not that many levels.</exception>
    public LevelOrders OrdersAt(MboSide side, int depth)
    {
        var ladder = Ladder(side);
        if ((uint)depth >= (uint)ladder.Count)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"the {side} side has {ladder.Count} levels");
        return new LevelOrders(this, ladder.LevelAt(ladder.Count - 1 - depth));
    }

    /// <summary>A summary of the book now. O(levels) for the per-side order counts; no allocation.</summary>
    public BookSummary Summary() => new(
        InstrumentId,
        _bids.Count,
        _asks.Count,
        CountOrders(_bids),
        CountOrders(_asks),
        ComputeTop(),
        _consistent,
        _lastTsRecv,
        _lastSequence,
        _eventsApplied,
        _anomalies);

    /// <summary>Records <see cref="ExportSnapshot"/> writes: one clear plus one add per live order.</summary>
    public int SnapshotLength => _orderCount + 1;

    /// <summary>
    /// Writes the book as a DBN-style snapshot: an R (clear) record, then one A record per live order in
    /// FIFO priority within each level (bids best first, then asks), all flagged F_SNAPSHOT and the last one
    /// F_LAST. Applying it to an empty book rebuilds this book exactly, queue priority included, which is
    /// how a checkpoint or a late-joining consumer gets the book without replaying the day.
    /// </summary>
    /// <returns>The number of records written, <see cref="SnapshotLength"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="SnapshotLength"/>.</exception>
    public int ExportSnapshot(Span<MboEvent> destination)
    {
        if (destination.Length < SnapshotLength)
            throw new ArgumentException($"snapshot needs {SnapshotLength} records, destination holds {destination.Length}", nameof(destination));
        destination[0] = SnapshotRecord(MboAction.Clear, MboSide.None, 0, MboEvent.UndefinedPrice, 0);
        var n = 1;
        n = ExportSide(_bids, MboSide.Bid, destination, n);
        n = ExportSide(_asks, MboSide.Ask, destination, n);
        destination[n - 1].Flags |= MboFlags.Last;
        return n;
    }

    private int ExportSide(PriceLadder ladder, MboSide side, Span<MboEvent> destination, int n)
    {
        for (var i = ladder.Count - 1; i >= 0; i--)
        {
            for (var o = _levels[ladder.LevelAt(i)].Head; o != None; o = _orders[o].Next)
            {
                ref readonly var node = ref _orders[o];
                destination[n++] = SnapshotRecord(MboAction.Add, side, node.Id, node.Price, node.Size);
            }
        }
        return n;
    }

    private MboEvent SnapshotRecord(MboAction action, MboSide side, ulong orderId, long price, uint size) => new()
    {
        TsEvent = _lastTsRecv,
        TsRecv = _lastTsRecv,
        OrderId = orderId,
        Price = price,
        InstrumentId = InstrumentId,
        Size = size,
        Sequence = _lastSequence,
        Action = action,
        Side = side,
        Flags = MboFlags.Snapshot,
        Kind = EventKind.Mbo,
    };

    private ApplyResult ApplyAdd(in MboEvent evt)
    {
        if ((evt.Flags & MboFlags.Tob) != 0)
            return ApplyTopOfBookAdd(in evt);
        if (!IsRestable(evt.Side, evt.Price))
        {
            _anomalies.Increment(AnomalyKind.InvalidOrder);
            return ApplyResult.None;
        }

        var candidate = PeekFreeOrder();
        var existing = _ids.FindOrInsert(evt.OrderId, candidate);
        int slot;
        if (existing >= 0)
        {
            // The venue re-sent a live order (typically a repeated snapshot): the new record is the truth.
            _anomalies.Increment(AnomalyKind.DuplicateAdd);
            Unlink(existing);
            slot = existing;
        }
        else
        {
            slot = TakeFreeOrder();
            _orderCount++;
        }
        Rest(slot, evt.OrderId, evt.Side, evt.Price, evt.Size);
        return ApplyResult.Changed;
    }

    private ApplyResult ApplyTopOfBookAdd(in MboEvent evt)
    {
        // F_TOB: the publisher only sends the top, so this record replaces the whole side; an undefined
        // price means the side is now empty.
        if (evt.Side != MboSide.Bid && evt.Side != MboSide.Ask)
        {
            _anomalies.Increment(AnomalyKind.InvalidOrder);
            return ApplyResult.None;
        }
        var existing = _ids.Find(evt.OrderId);
        if (existing >= 0)
        {
            _anomalies.Increment(AnomalyKind.DuplicateAdd);
            RemoveOrder(existing);
        }
        ClearSide(evt.Side);
        if (evt.Price == MboEvent.UndefinedPrice)
            return ApplyResult.Changed;
        var slot = TakeFreeOrder();
        _ids.FindOrInsert(evt.OrderId, slot);
        _orderCount++;
        Rest(slot, evt.OrderId, evt.Side, evt.Price, evt.Size);
        return ApplyResult.Changed;
    }

    private ApplyResult ApplyCancel(in MboEvent evt)
    {
        var slot = _ids.Find(evt.OrderId);
        if (slot < 0)
        {
            _anomalies.Increment(AnomalyKind.CancelUnknownOrder);
            return ApplyResult.None;
        }
        ref var node = ref _orders[slot];
        var size = evt.Size;
        if (size < node.Size)
        {
            if (size == 0)
                return ApplyResult.None;
            node.Size -= size;
            _levels[node.Level].TotalSize -= size;
            return ApplyResult.Changed;
        }
        if (size > node.Size)
            _anomalies.Increment(AnomalyKind.CancelExceedsSize);
        RemoveOrder(slot);
        return ApplyResult.Changed;
    }

    private ApplyResult ApplyModify(in MboEvent evt)
    {
        if (!IsRestable(evt.Side, evt.Price))
        {
            _anomalies.Increment(AnomalyKind.InvalidOrder);
            return ApplyResult.None;
        }
        var slot = _ids.Find(evt.OrderId);
        if (slot < 0)
        {
            // Databento's reference books treat it as an add: the record carries everything an add does.
            _anomalies.Increment(AnomalyKind.ModifyUnknownOrder);
            slot = TakeFreeOrder();
            _ids.FindOrInsert(evt.OrderId, slot);
            _orderCount++;
            Rest(slot, evt.OrderId, evt.Side, evt.Price, evt.Size);
            return ApplyResult.Changed;
        }

        ref var node = ref _orders[slot];
        var level = node.Level;
        if (_levels[level].Side != evt.Side || node.Price != evt.Price)
        {
            if (_levels[level].Side != evt.Side)
                _anomalies.Increment(AnomalyKind.SideChanged);
            Unlink(slot);
            Rest(slot, evt.OrderId, evt.Side, evt.Price, evt.Size);
            return ApplyResult.Changed;
        }

        var oldSize = node.Size;
        var newSize = evt.Size;
        if (newSize == oldSize)
            return ApplyResult.None;
        if (newSize < oldSize)
        {
            // A size decrease keeps queue priority.
            node.Size = newSize;
            _levels[level].TotalSize -= oldSize - newSize;
            return ApplyResult.Changed;
        }

        // A size increase loses priority: to the back of the same level.
        if (node.Next == None)
        {
            node.Size = newSize;
            _levels[level].TotalSize += newSize - oldSize;
            return ApplyResult.Changed;
        }
        Unlink(slot);
        Rest(slot, evt.OrderId, evt.Side, evt.Price, newSize);
        return ApplyResult.Changed;
    }

    private ApplyResult CompleteEvent()
    {
        _consistent = true;
        var top = ComputeTop();
        if (top.IsCrossed)
            _anomalies.Increment(AnomalyKind.CrossedBook);
        if (top == _consistentTop)
            return ApplyResult.Last;
        _consistentTop = top;
        return ApplyResult.Last | ApplyResult.TopChanged;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRestable(MboSide side, long price) =>
        (side == MboSide.Bid || side == MboSide.Ask) && price != MboEvent.UndefinedPrice;

    /// <summary>Fills order slot <paramref name="slot"/> and links it at the back of its level.</summary>
    private void Rest(int slot, ulong orderId, MboSide side, long price, uint size)
    {
        var level = GetOrCreateLevel(side, price);
        ref var node = ref _orders[slot];
        node.Id = orderId;
        node.Price = price;
        node.Size = size;
        node.Level = level;
        node.Next = None;
        ref var l = ref _levels[level];
        node.Prev = l.Tail;
        if (l.Tail != None)
            _orders[l.Tail].Next = slot;
        else
            l.Head = slot;
        l.Tail = slot;
        l.Count++;
        l.TotalSize += size;
    }

    /// <summary>Takes an order out of its level's queue (removing the level when it empties); the slot stays mapped.</summary>
    private void Unlink(int slot)
    {
        ref var node = ref _orders[slot];
        var level = node.Level;
        ref var l = ref _levels[level];
        if (node.Prev != None)
            _orders[node.Prev].Next = node.Next;
        else
            l.Head = node.Next;
        if (node.Next != None)
            _orders[node.Next].Prev = node.Prev;
        else
            l.Tail = node.Prev;
        l.TotalSize -= node.Size;
        if (--l.Count == 0)
            RemoveLevel(level);
    }

    private void RemoveOrder(int slot)
    {
        Unlink(slot);
        _ids.Remove(_orders[slot].Id);
        _orders[slot].Next = _freeOrder;
        _freeOrder = slot;
        _orderCount--;
    }

    private int GetOrCreateLevel(MboSide side, long price)
    {
        var ladder = side == MboSide.Bid ? _bids : _asks;
        var key = KeyOf(side, price);
        var index = ladder.IndexOf(key);
        if (index >= 0)
            return ladder.LevelAt(index);

        var level = TakeFreeLevel();
        ref var l = ref _levels[level];
        l.Price = price;
        l.TotalSize = 0;
        l.Count = 0;
        l.Head = None;
        l.Tail = None;
        l.Side = side;
        ladder.InsertAt(~index, key, level);
        return level;
    }

    private void RemoveLevel(int level)
    {
        ref var l = ref _levels[level];
        var ladder = l.Side == MboSide.Bid ? _bids : _asks;
        var index = ladder.IndexOf(KeyOf(l.Side, l.Price));
        ladder.RemoveAt(index);
        l.Head = _freeLevel;
        _freeLevel = level;
    }

    private void ClearSide(MboSide side)
    {
        var ladder = Ladder(side);
        for (var i = 0; i < ladder.Count; i++)
        {
            var level = ladder.LevelAt(i);
            var o = _levels[level].Head;
            while (o != None)
            {
                var next = _orders[o].Next;
                _ids.Remove(_orders[o].Id);
                _orders[o].Next = _freeOrder;
                _freeOrder = o;
                _orderCount--;
                o = next;
            }
            _levels[level].Head = _freeLevel;
            _freeLevel = level;
        }
        ladder.Clear();
    }

    private void ClearAll()
    {
        _ids.Clear();
        _orderTop = 0;
        _freeOrder = None;
        _orderCount = 0;
        _levelTop = 0;
        _freeLevel = None;
        _bids.Clear();
        _asks.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PeekFreeOrder()
    {
        if (_freeOrder != None)
            return _freeOrder;
        if (_orderTop == _orders.Length)
            Array.Resize(ref _orders, _orders.Length * 2);
        return _orderTop;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TakeFreeOrder()
    {
        var slot = _freeOrder;
        if (slot != None)
        {
            _freeOrder = _orders[slot].Next;
            return slot;
        }
        if (_orderTop == _orders.Length)
            Array.Resize(ref _orders, _orders.Length * 2);
        return _orderTop++;
    }

    private int TakeFreeLevel()
    {
        var level = _freeLevel;
        if (level != None)
        {
            _freeLevel = _levels[level].Head;
            return level;
        }
        if (_levelTop == _levels.Length)
            Array.Resize(ref _levels, _levels.Length * 2);
        return _levelTop++;
    }

    private TopOfBook ComputeTop()
    {
        long bidPrice = MboEvent.UndefinedPrice, bidSize = 0, askPrice = MboEvent.UndefinedPrice, askSize = 0;
        int bidCount = 0, askCount = 0;
        if (_bids.Count > 0)
        {
            ref readonly var l = ref _levels[_bids.Best];
            bidPrice = l.Price;
            bidSize = l.TotalSize;
            bidCount = l.Count;
        }
        if (_asks.Count > 0)
        {
            ref readonly var l = ref _levels[_asks.Best];
            askPrice = l.Price;
            askSize = l.TotalSize;
            askCount = l.Count;
        }
        return new TopOfBook(bidPrice, bidSize, bidCount, askPrice, askSize, askCount);
    }

    private BookLevel ToBookLevel(int level)
    {
        ref readonly var l = ref _levels[level];
        return new BookLevel(l.Price, l.TotalSize, l.Count);
    }

    private int CountOrders(PriceLadder ladder)
    {
        var n = 0;
        for (var i = 0; i < ladder.Count; i++)
            n += _levels[ladder.LevelAt(i)].Count;
        return n;
    }

    private PriceLadder Ladder(MboSide side) => side switch
    {
        MboSide.Bid => _bids,
        MboSide.Ask => _asks,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "side must be Bid or Ask"),
    };

    /// <summary>Ladder key: both sides ascend with the best price last, so asks store the negated price.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long KeyOf(MboSide side, long price) => side == MboSide.Bid ? price : -price;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongInstrument(uint instrumentId) =>
        throw new ArgumentException($"record for instrument {instrumentId} applied to the book of instrument {InstrumentId}");
}
