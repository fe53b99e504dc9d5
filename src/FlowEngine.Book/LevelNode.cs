using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// One pooled price-level slot: the running totals (so reading depth never walks orders) and the ends of
/// the level's FIFO queue of order slots.
/// </summary>
internal struct LevelNode
{
    /// <summary>Price in 1e-9 units.</summary>
    public long Price;

    /// <summary>Sum of the sizes of the orders in the queue.</summary>
    public long TotalSize;

    /// <summary>Number of orders in the queue.</summary>
    public int Count;

    /// <summary>First order slot (highest priority), -1 when empty; the free-list link while unused.</summary>
    public int Head;

    /// <summary>Last order slot (lowest priority), -1 when empty.</summary>
    public int Tail;

    /// <summary>Bid or ask.</summary>
    public MboSide Side;
}
