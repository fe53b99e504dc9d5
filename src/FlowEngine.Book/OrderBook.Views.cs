using FlowEngine.Market.Events;

namespace FlowEngine.Book;

// Read side of the book: depth, orders with queue position, summary and snapshot export. Cold paths that
// copy out of the pools so callers never hold a reference into them.
public sealed partial class OrderBook
{
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
}
