using System.Runtime.CompilerServices;

namespace FlowEngine.Simulator.Venue;

/// <summary>
/// The simulator's own L3 book for one instrument: price levels in flat arrays indexed by tick (no maps,
/// no allocation), FIFO queues through the order pool, best prices, and a dense list of live orders so a
/// random live order can be picked in O(1) for cancels and modifies. It also carries the instrument's
/// quoting state (target touch, pending price move, episode pin) because every generator reads both.
/// </summary>
internal sealed class SimulatedBook
{
    /// <summary>Best bid when the bid side is empty.</summary>
    public const int NoBid = int.MinValue;
    /// <summary>Best ask when the ask side is empty.</summary>
    public const int NoAsk = int.MaxValue;
    /// <summary>Side index of bids.</summary>
    public const int Bid = 0;
    /// <summary>Side index of asks.</summary>
    public const int Ask = 1;

    private readonly PriceLevel[] _bids;
    private readonly PriceLevel[] _asks;
    private int[] _live;

    /// <summary>Creates an empty book whose prices may range over [<paramref name="minTick"/>, <paramref name="maxTick"/>].</summary>
    public SimulatedBook(int index, uint instrumentId, long tickSize, int minTick, int maxTick, int liveCapacity)
    {
        Index = index;
        InstrumentId = instrumentId;
        TickSize = tickSize;
        MinTick = minTick;
        MaxTick = maxTick;
        _bids = new PriceLevel[maxTick - minTick + 1];
        _asks = new PriceLevel[maxTick - minTick + 1];
        _live = new int[liveCapacity];
        Pool = new OrderPool(liveCapacity);
    }

    /// <summary>
    /// This instrument's orders. One pool per book keeps a busy book's orders together in memory (the
    /// future's fit in L2), which matters more for speed than anything else the generator does.
    /// </summary>
    public OrderPool Pool { get; }

    /// <summary>Position of this book in the simulator's instrument order.</summary>
    public int Index { get; }
    /// <summary>Instrument id written on its records.</summary>
    public uint InstrumentId { get; }
    /// <summary>Tick size in 1e-9.</summary>
    public long TickSize { get; }
    /// <summary>Lowest tick an order may rest at.</summary>
    public int MinTick { get; }
    /// <summary>Highest tick an order may rest at.</summary>
    public int MaxTick { get; }

    /// <summary>Best bid tick or <see cref="NoBid"/>.</summary>
    public int BestBid = NoBid;
    /// <summary>Best ask tick or <see cref="NoAsk"/>.</summary>
    public int BestAsk = NoAsk;
    /// <summary>Live orders on each side.</summary>
    public int BidOrders, AskOrders;

    /// <summary>Where background flow joins the bid: best quotes are posted here, deeper ones below.</summary>
    public int TargetBid;
    /// <summary>Where background flow joins the ask.</summary>
    public int TargetAsk;
    /// <summary>Quoted spread in ticks the book returns to after a move.</summary>
    public int Spread;
    /// <summary>Side whose stale orders are being pulled for a one-tick move (-1 when no move is under way).</summary>
    public int ClearingSide = -1;
    /// <summary>Episode slot that owns the instrument's price right now, or -1.</summary>
    public int Pin = -1;
    /// <summary>No new episode may start here before this time (ns).</summary>
    public long QuietUntil;

    /// <summary>Live order slots, dense.</summary>
    public int LiveCount;

    // Background-flow parameters, kept on the book so one action touches one object's cache lines.
    /// <summary>Resting orders the background holds this book near.</summary>
    public int TargetOrders;
    /// <summary>Share of background actions that are trades, scaled to 2^32.</summary>
    public uint TradeThreshold;
    /// <summary>Add-probability change per order below target, scaled to 2^32.</summary>
    public long AddSlope;
    /// <summary>Distance-from-touch distribution of new orders.</summary>
    public Randomness.DiscreteSampler? Depth;

    /// <summary>The live order at dense position <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LiveAt(int i) => _live[i];

    /// <summary>Level of one side at one tick.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref PriceLevel Level(int side, int tick) => ref (side == Bid ? _bids : _asks)[tick - MinTick];

    /// <summary>Best tick of a side (sentinel when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Best(int side) => side == Bid ? BestBid : BestAsk;

    /// <summary>Target (join) tick of a side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Target(int side) => side == Bid ? TargetBid : TargetAsk;

    /// <summary>True when the side has at least one order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasSide(int side) => (side == Bid ? BidOrders : AskOrders) > 0;

    /// <summary>True when no episode holds the instrument and no move is under way: background may reprice it.</summary>
    public bool IsFree => Pin < 0 && ClearingSide < 0;

    /// <summary>Clamps a tick into the range orders may rest at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ClampTick(int tick) => tick < MinTick ? MinTick : tick > MaxTick ? MaxTick : tick;

    /// <summary>Rests a new order at the back of its level's queue.</summary>
    public int Insert(ulong id, int side, int tick, int size, byte owner)
    {
        var slot = Pool.Rent();
        ref var o = ref Pool.Orders[slot];
        o.Id = id;
        o.Tick = tick;
        o.Size = size;
        o.Side = (byte)side;
        o.Owner = owner;
        Link(slot, ref o);
        if (LiveCount == _live.Length) Array.Resize(ref _live, _live.Length * 2);
        o.Dense = LiveCount;
        _live[LiveCount++] = slot;
        if (side == Bid) BidOrders++; else AskOrders++;
        return slot;
    }

    /// <summary>Removes an order entirely and frees its slot.</summary>
    public void Remove(int slot)
    {
        ref var o = ref Pool.Orders[slot];
        Unlink(slot, ref o);
        var last = _live[--LiveCount];
        _live[o.Dense] = last;
        Pool.Orders[last].Dense = o.Dense;
        if (o.Side == Bid) BidOrders--; else AskOrders--;
        Pool.Return(slot);
    }

    /// <summary>Reduces an order's size in place: it keeps its queue position (CME and DBN rules).</summary>
    public void Reduce(int slot, int newSize)
    {
        ref var o = ref Pool.Orders[slot];
        Level(o.Side, o.Tick).Size -= o.Size - newSize;
        o.Size = newSize;
    }

    /// <summary>Moves an order to a new price and/or larger size: it loses priority and joins the back.</summary>
    public void Requeue(int slot, int newTick, int newSize)
    {
        ref var o = ref Pool.Orders[slot];
        Unlink(slot, ref o);
        o.Tick = newTick;
        o.Size = newSize;
        Link(slot, ref o);
    }

    /// <summary>The next non-empty tick behind <paramref name="tick"/> on a side, or the side's sentinel.</summary>
    public int NextLevel(int side, int tick)
    {
        if (side == Bid)
        {
            for (var t = tick - 1; t >= MinTick; t--)
                if (_bids[t - MinTick].Count > 0) return t;
            return NoBid;
        }
        for (var t = tick + 1; t <= MaxTick; t++)
            if (_asks[t - MinTick].Count > 0) return t;
        return NoAsk;
    }

    private void Link(int slot, ref SimOrder o)
    {
        ref var level = ref Level(o.Side, o.Tick);
        o.Next = -1;
        if (level.Count == 0)
        {
            o.Prev = -1;
            level.Head = slot;
        }
        else
        {
            o.Prev = level.Tail;
            Pool.Orders[level.Tail].Next = slot;
        }
        level.Tail = slot;
        level.Count++;
        level.Size += o.Size;
        if (o.Side == Bid) { if (o.Tick > BestBid) BestBid = o.Tick; }
        else if (o.Tick < BestAsk) BestAsk = o.Tick;
    }

    private void Unlink(int slot, ref SimOrder o)
    {
        ref var level = ref Level(o.Side, o.Tick);
        if (o.Prev >= 0) Pool.Orders[o.Prev].Next = o.Next; else level.Head = o.Next;
        if (o.Next >= 0) Pool.Orders[o.Next].Prev = o.Prev; else level.Tail = o.Prev;
        level.Count--;
        level.Size -= o.Size;
        if (level.Count > 0) return;
        // The side counts still include this order here (in a remove and in a requeue alike), so "> 1" means
        // other orders remain behind the emptied best level.
        if (o.Side == Bid)
        {
            if (o.Tick == BestBid) BestBid = BidOrders > 1 ? NextLevel(Bid, o.Tick) : NoBid;
        }
        else if (o.Tick == BestAsk)
        {
            BestAsk = AskOrders > 1 ? NextLevel(Ask, o.Tick) : NoAsk;
        }
    }
}
