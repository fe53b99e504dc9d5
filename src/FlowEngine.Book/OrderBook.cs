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
public sealed partial class OrderBook
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

    /// <summary>Prefetches the id-map bucket of <paramref name="orderId"/> (see <see cref="BookSet.Prefetch"/>).</summary>
    internal void Prefetch(ulong orderId) => _ids.Prefetch(orderId);

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
