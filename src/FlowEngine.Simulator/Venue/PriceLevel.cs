namespace FlowEngine.Simulator.Venue;

/// <summary>One price on one side: the FIFO queue of its orders (head is first to fill) and its totals.</summary>
internal struct PriceLevel
{
    /// <summary>First order in time priority, or -1 when the level is empty.</summary>
    public int Head;
    /// <summary>Last order in time priority, or -1.</summary>
    public int Tail;
    /// <summary>Number of orders.</summary>
    public int Count;
    /// <summary>Total displayed size.</summary>
    public int Size;
}
