namespace FlowEngine.Simulator.Venue;

/// <summary>
/// The resting orders of one instrument in one pre-sized array with a free list: adding and removing an
/// order is a few stores, never an allocation. It grows (doubling) only if the model ever needs more orders
/// than it was sized for, which the mean-reverting order counts make a warm-up-only event.
/// </summary>
internal sealed class OrderPool
{
    private int[] _free;
    private int _freeCount;

    /// <summary>The slots; index with a slot number returned by <see cref="Rent"/>.</summary>
    public SimOrder[] Orders;

    /// <summary>Creates a pool with room for <paramref name="capacity"/> live orders.</summary>
    public OrderPool(int capacity)
    {
        Orders = new SimOrder[capacity];
        _free = new int[capacity];
        for (var i = 0; i < capacity; i++) _free[i] = capacity - 1 - i;
        _freeCount = capacity;
    }

    /// <summary>Orders currently rented.</summary>
    public int LiveCount => Orders.Length - _freeCount;

    /// <summary>Takes a free slot (lowest numbers first, so a fresh pool fills from the front).</summary>
    public int Rent()
    {
        if (_freeCount == 0) Grow();
        return _free[--_freeCount];
    }

    /// <summary>Returns a slot to the free list.</summary>
    public void Return(int slot)
    {
        Orders[slot].Id = 0;
        _free[_freeCount++] = slot;
    }

    private void Grow()
    {
        var old = Orders.Length;
        var size = old * 2;
        Array.Resize(ref Orders, size);
        Array.Resize(ref _free, size);
        for (var i = 0; i < old; i++) _free[_freeCount++] = size - 1 - i;
    }
}
