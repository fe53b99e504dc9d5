using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests.Support;

/// <summary>
/// The book rules written as plainly as possible (dictionaries and lists, no pooling, no indices), as the
/// oracle the pooled <see cref="OrderBook"/> is checked against. Same rules and anomaly semantics, none of
/// the tricks.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly Dictionary<ulong, (MboSide Side, long Price, uint Size)> _orders = [];
    private readonly SortedDictionary<long, List<ulong>> _bids = [];
    private readonly SortedDictionary<long, List<ulong>> _asks = [];
    private (long, long, int, long, long, int) _lastTop = (MboEvent.UndefinedPrice, 0, 0, MboEvent.UndefinedPrice, 0, 0);

    public Dictionary<AnomalyKind, long> Anomalies { get; } = [];

    public IReadOnlyCollection<ulong> LiveIds => _orders.Keys;

    public bool TryGet(ulong id, out (MboSide Side, long Price, uint Size) order) => _orders.TryGetValue(id, out order);

    public int OrderCount => _orders.Count;

    /// <summary>Applies a record; returns true when the top at an F_LAST differs from the previous F_LAST's.</summary>
    public bool Apply(MboEvent e)
    {
        switch (e.Action)
        {
            case MboAction.Add:
                if (!Restable(e.Side, e.Price)) { Count(AnomalyKind.InvalidOrder); break; }
                if (_orders.ContainsKey(e.OrderId)) { Count(AnomalyKind.DuplicateAdd); Remove(e.OrderId); }
                Rest(e.OrderId, e.Side, e.Price, e.Size);
                break;
            case MboAction.Cancel:
                if (!_orders.TryGetValue(e.OrderId, out var c)) { Count(AnomalyKind.CancelUnknownOrder); break; }
                if (e.Size < c.Size) { _orders[e.OrderId] = (c.Side, c.Price, c.Size - e.Size); break; }
                if (e.Size > c.Size) Count(AnomalyKind.CancelExceedsSize);
                Remove(e.OrderId);
                break;
            case MboAction.Modify:
                if (!Restable(e.Side, e.Price)) { Count(AnomalyKind.InvalidOrder); break; }
                if (!_orders.TryGetValue(e.OrderId, out var m)) { Count(AnomalyKind.ModifyUnknownOrder); Rest(e.OrderId, e.Side, e.Price, e.Size); break; }
                if (m.Side != e.Side) Count(AnomalyKind.SideChanged);
                if (m.Side != e.Side || m.Price != e.Price || e.Size > m.Size)
                {
                    Remove(e.OrderId);
                    Rest(e.OrderId, e.Side, e.Price, e.Size);
                }
                else
                {
                    _orders[e.OrderId] = (m.Side, m.Price, e.Size);
                }
                break;
            case MboAction.Clear:
                _orders.Clear();
                _bids.Clear();
                _asks.Clear();
                break;
            case MboAction.Trade:
            case MboAction.Fill:
            case MboAction.None:
                break;
            default:
                Count(AnomalyKind.UnknownAction);
                break;
        }
        if ((e.Flags & MboFlags.MaybeBadBook) != 0)
            Count(AnomalyKind.MaybeBadBook);
        if ((e.Flags & MboFlags.Last) == 0)
            return false;
        var top = Top();
        if (top.Item3 > 0 && top.Item6 > 0 && top.Item1 >= top.Item4)
            Count(AnomalyKind.CrossedBook);
        var changed = top != _lastTop;
        _lastTop = top;
        return changed;
    }

    public BookState State() => new(Side(MboSide.Bid), Side(MboSide.Ask));

    private (long, long, int, long, long, int) Top()
    {
        var bids = Side(MboSide.Bid);
        var asks = Side(MboSide.Ask);
        return (
            bids.Count > 0 ? bids[0].Price : MboEvent.UndefinedPrice, bids.Count > 0 ? bids[0].Size : 0, bids.Count > 0 ? bids[0].Count : 0,
            asks.Count > 0 ? asks[0].Price : MboEvent.UndefinedPrice, asks.Count > 0 ? asks[0].Size : 0, asks.Count > 0 ? asks[0].Count : 0);
    }

    private List<LevelState> Side(MboSide side)
    {
        var levels = side == MboSide.Bid ? _bids.Reverse() : _asks;
        var result = new List<LevelState>();
        foreach (var (price, ids) in levels)
        {
            var orders = ids.Select(id => (id, _orders[id].Size)).ToList();
            result.Add(new LevelState(price, orders.Sum(o => (long)o.Size), orders.Count, orders));
        }
        return result;
    }

    private static bool Restable(MboSide side, long price) =>
        (side == MboSide.Bid || side == MboSide.Ask) && price != MboEvent.UndefinedPrice;

    private void Rest(ulong id, MboSide side, long price, uint size)
    {
        _orders[id] = (side, price, size);
        var levels = side == MboSide.Bid ? _bids : _asks;
        if (!levels.TryGetValue(price, out var queue))
            levels[price] = queue = [];
        queue.Add(id);
    }

    private void Remove(ulong id)
    {
        var (side, price, _) = _orders[id];
        var levels = side == MboSide.Bid ? _bids : _asks;
        var queue = levels[price];
        queue.Remove(id);
        if (queue.Count == 0)
            levels.Remove(price);
        _orders.Remove(id);
    }

    private void Count(AnomalyKind kind) => Anomalies[kind] = Anomalies.GetValueOrDefault(kind) + 1;
}
