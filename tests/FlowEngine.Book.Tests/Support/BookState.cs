using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests.Support;

/// <summary>
/// A book's complete observable state in plain lists (levels best first, each with its orders in FIFO
/// order), so two books, or a book and the reference model, can be compared with one equality and a
/// readable difference.
/// </summary>
internal sealed record BookState(IReadOnlyList<LevelState> Bids, IReadOnlyList<LevelState> Asks)
{
    public static BookState Of(OrderBook book) => new(Side(book, MboSide.Bid), Side(book, MboSide.Ask));

    private static List<LevelState> Side(OrderBook book, MboSide side)
    {
        var levels = new List<LevelState>();
        for (var d = 0; d < book.LevelCount(side); d++)
        {
            var level = book.GetLevel(side, d);
            var orders = new List<(ulong Id, uint Size)>();
            foreach (var o in book.OrdersAt(side, d))
                orders.Add((o.OrderId, o.Size));
            levels.Add(new LevelState(level.Price, level.Size, level.OrderCount, orders));
        }
        return levels;
    }

    public bool Equals(BookState? other) => other is not null && Same(Bids, other.Bids) && Same(Asks, other.Asks);

    public override int GetHashCode() => HashCode.Combine(Bids.Count, Asks.Count);

    public override string ToString() => $"bids [{string.Join("; ", Bids)}] asks [{string.Join("; ", Asks)}]";

    private static bool Same(IReadOnlyList<LevelState> a, IReadOnlyList<LevelState> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
                return false;
        }
        return true;
    }
}

/// <summary>One level: price, the totals the book reports, and its orders front to back.</summary>
internal sealed record LevelState(long Price, long Size, int Count, IReadOnlyList<(ulong Id, uint Size)> Orders)
{
    public bool Equals(LevelState? other) =>
        other is not null && Price == other.Price && Size == other.Size && Count == other.Count && Orders.SequenceEqual(other.Orders);

    public override int GetHashCode() => HashCode.Combine(Price, Size, Count);

    public override string ToString() =>
        $"{Price}: {Size}/{Count} [{string.Join(",", Orders.Select(o => $"{o.Id}x{o.Size}"))}]";
}
