namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// State of one running episode. Slots are pre-allocated and reused, so starting an episode allocates
/// nothing; the fields cover every kind (a few are unused by each) to keep one flat, allocation-free shape.
/// </summary>
internal sealed class EpisodeSlot
{
    /// <summary>Number of quote orders a slot can own: bid and ask on up to two instruments.</summary>
    public const int QuoteCount = 4;

    /// <summary>Creates slot <paramref name="index"/>.</summary>
    public EpisodeSlot(int index) => Index = index;

    /// <summary>Position in the director's slot array; also selects the slot's timer.</summary>
    public int Index { get; }
    /// <summary>Owner tag written on the slot's resting orders (1 + index; 0 means background).</summary>
    public byte OwnerTag => (byte)(Index + 1);

    /// <summary>True while the episode runs.</summary>
    public bool Active;
    /// <summary>What the episode is.</summary>
    public EpisodeKind Kind;
    /// <summary>Direction for the labels.</summary>
    public EpisodeSide Side;
    /// <summary>Book index of the (first) instrument.</summary>
    public int Book;
    /// <summary>Book index of the second instrument (the put of a call/put pair), or -1.</summary>
    public int Book2;
    /// <summary>Internal side index the episode acts on (sweep: aggressor; iceberg/accumulation: resting side).</summary>
    public int SideIndex;
    /// <summary>Kind-specific phase of the state machine.</summary>
    public int Phase;
    /// <summary>Kind-specific countdown (sweeps left, refills left).</summary>
    public int Remaining;
    /// <summary>Event time after which the episode winds down (ns).</summary>
    public long EndTime;
    /// <summary>Mean gap between steps (ns).</summary>
    public double MeanGapNs;
    /// <summary>Iceberg price or accumulation price (ticks).</summary>
    public int Tick;
    /// <summary>Iceberg display size or market-maker quote size.</summary>
    public int Size;
    /// <summary>Iceberg order id, reused on every refill.</summary>
    public ulong OrderId;
    /// <summary>Iceberg order slot in the pool.</summary>
    public int OrderSlot;
    /// <summary>Next aggressor side for alternating market-maker trades, or the pair's fixed aggressor side.</summary>
    public int Aggressor;
    /// <summary>Pool slots of owned quotes (-1 when none).</summary>
    public readonly int[] QuoteSlot = new int[QuoteCount];
    /// <summary>Order ids of owned quotes, to tell a live quote from a reused pool slot.</summary>
    public readonly ulong[] QuoteId = new ulong[QuoteCount];
    /// <summary>Label ids for the first and second instrument (-1 until the first record there).</summary>
    public readonly int[] Label = new int[2];
    /// <summary>Reference tick for each label, captured when it opens.</summary>
    public readonly int[] RefTick = new int[2];

    /// <summary>Clears the slot for a new episode of <paramref name="kind"/>.</summary>
    public void Reset(EpisodeKind kind)
    {
        Active = true;
        Kind = kind;
        Side = EpisodeSide.None;
        Book = -1;
        Book2 = -1;
        SideIndex = 0;
        Phase = 0;
        Remaining = 0;
        EndTime = long.MaxValue;
        MeanGapNs = 0;
        Tick = 0;
        Size = 0;
        OrderId = 0;
        OrderSlot = -1;
        Aggressor = 0;
        for (var i = 0; i < QuoteCount; i++) { QuoteSlot[i] = -1; QuoteId[i] = 0; }
        Label[0] = Label[1] = -1;
        RefTick[0] = RefTick[1] = 0;
    }
}
