namespace FlowEngine.Book;

/// <summary>
/// One pooled order slot: 32 bytes, two per cache line. Orders of a level form an intrusive doubly linked
/// FIFO through <see cref="Prev"/>/<see cref="Next"/> (slot indices, -1 for none), so moving an order to
/// the back of its queue or removing it from the middle is O(1) and never allocates.
/// </summary>
internal struct OrderNode
{
    /// <summary>Venue order id (the key of the id map).</summary>
    public ulong Id;

    /// <summary>Price in 1e-9 units; equals the price of <see cref="Level"/>.</summary>
    public long Price;

    /// <summary>Remaining size.</summary>
    public uint Size;

    /// <summary>Index of the level slot the order rests in.</summary>
    public int Level;

    /// <summary>The order ahead in the level's queue, -1 at the front.</summary>
    public int Prev;

    /// <summary>The order behind in the level's queue, -1 at the back; the free-list link while unused.</summary>
    public int Next;
}
