using System.Runtime.InteropServices;

namespace FlowEngine.Simulator.Venue;

/// <summary>
/// One resting order in the simulator's own book: a pool slot linked into its price level's FIFO queue.
/// 32 bytes, so two share a cache line and the pool is one flat array with no per-order objects.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct SimOrder
{
    /// <summary>Venue order id as published on the MBO records.</summary>
    public ulong Id;
    /// <summary>Price in ticks of the instrument.</summary>
    public int Tick;
    /// <summary>Displayed size remaining.</summary>
    public int Size;
    /// <summary>Previous order in the level's queue (towards the front), or -1.</summary>
    public int Prev;
    /// <summary>Next order in the level's queue (towards the back), or -1.</summary>
    public int Next;
    /// <summary>Position in the book's live-order array, for O(1) random selection and removal.</summary>
    public int Dense;
    /// <summary>0 bid, 1 ask.</summary>
    public byte Side;
    /// <summary>0 for background orders; otherwise 1 + the episode slot that owns it, so background flow leaves it alone.</summary>
    public byte Owner;
}
