using FlowEngine.Book;
using FlowEngine.Market.Events;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// The tracker's state for one instrument: its open windows, the last consistent book it saw, and the short
/// memories the detectors need (the aggressor event being assembled, recently consumed levels, recent trades,
/// recent adds). All storage is sized when the instrument first appears; nothing grows afterwards.
/// </summary>
internal sealed class InstrumentFlow
{
    public const int MaxTradeLevels = 32;
    public const int MemorySlots = 8; // a power of two: ring indices wrap with a mask

    /// <summary>
    /// "Never happened" for event times: far in the past yet far enough from long.MinValue that ts − Never
    /// cannot overflow (with long.MinValue every "within N ns" test would wrap negative and pass).
    /// </summary>
    public const long Never = long.MinValue / 4;

    public InstrumentFlow(uint instrumentId, int slot, PressureOptions options)
    {
        InstrumentId = instrumentId;
        Slot = slot;
        var lengths = options.WindowLengthsNs;
        Windows = new WindowStats[lengths.Count];
        for (var i = 0; i < Windows.Length; i++)
        {
            Windows[i].InstrumentId = instrumentId;
            Windows[i].LengthNs = lengths[i];
            Windows[i].OpenBid = Windows[i].OpenAsk = Windows[i].CloseBid = Windows[i].CloseAsk = MboEvent.UndefinedPrice;
        }
        var levels = options.OfiLevels;
        PrevBids = new BookLevel[levels];
        PrevAsks = new BookLevel[levels];
        NextBids = new BookLevel[levels];
        NextAsks = new BookLevel[levels];
        LargeOrders = new RollingSizePercentile(options.LargeOrderHistory, options.LargeOrderPercentile, options.LargeOrderMinSamples);
        Array.Fill(ConsumedTs, Never);
        Array.Fill(TradeTs, Never);
    }

    public readonly uint InstrumentId;
    public readonly int Slot;
    public OrderBook? Book;
    public int Partner = -1;

    /// <summary>Open windows, shortest first; [0] is the only one the hot path writes.</summary>
    public readonly WindowStats[] Windows;

    public TopOfBook Top = TopOfBook.Empty;
    public BookLevel[] PrevBids, PrevAsks, NextBids, NextAsks;
    public int PrevBidCount, PrevAskCount;
    /// <summary>A side's top prices may have shifted since the last consistent state: copy its depth again.</summary>
    public bool BidDirty, AskDirty;
    /// <summary>Depths (bit m = level m of Prev*) whose size changed in place since the last consistent state.</summary>
    public ulong BidTouched, AskTouched;
    public bool HasDepth;
    /// <summary>The venue event being applied added, removed or moved something (an A, C, M or R record).</summary>
    public bool Changed;

    public long Cvd;
    public readonly RollingSizePercentile LargeOrders;
    // 256 slots (4 KB): fleeting cancels hit recent orders, and a small table stays in cache across 40+ instruments.
    public readonly RecentAddCache RecentAdds = new(8);

    // Aggressor event being assembled (T records until F_LAST).
    public bool AggActive;
    public MboSide AggSide;
    public ulong AggOrderId;
    public uint AggSequence;
    public long AggTs;
    public long AggSize;
    public double AggNotional;
    public long AggPriorBest;
    public int AggLevels;
    public bool AggThrough;
    public readonly long[] LevelPrice = new long[MaxTradeLevels];
    public readonly long[] LevelSize = new long[MaxTradeLevels];
    public readonly ulong[] LevelFillId = new ulong[MaxTradeLevels];
    public readonly long[] LevelFillSize = new long[MaxTradeLevels];
    public readonly bool[] LevelTakenOut = new bool[MaxTradeLevels];

    // Levels consumed by aggressors, newest last (ring).
    public readonly MboSide[] ConsumedSide = new MboSide[MemorySlots];
    public readonly long[] ConsumedPrice = new long[MemorySlots];
    public readonly long[] ConsumedTs = new long[MemorySlots];
    public readonly ulong[] ConsumedFillId = new ulong[MemorySlots];
    public readonly long[] ConsumedFillSize = new long[MemorySlots];
    public readonly long[] ConsumedTraded = new long[MemorySlots];
    public int ConsumedHead;
    public long LastConsumedTs = Never;

    // The current iceberg chain (one price and side).
    public MboSide ChainSide;
    public long ChainPrice;
    public long ChainLastTs = Never;
    public int ChainCount;
    public long ChainVolume;
    public long ChainDisplay;

    // The current sweep chain (one aggressor side).
    public MboSide SweepSide;
    public long SweepLastTs = Never;
    public int SweepCount;

    // Recent trades per level, for replenishment (ring).
    public readonly MboSide[] TradeSide = new MboSide[MemorySlots];
    public readonly long[] TradePrice = new long[MemorySlots];
    public readonly long[] TradeSize = new long[MemorySlots];
    public readonly long[] TradeTs = new long[MemorySlots];
    public int TradeHead;
    public long LastTradeTs = Never;

    // Last add, for two-sided quote pairs.
    public long LastAddTs = Never;
    public MboSide LastAddSide;
    public long LastAddSize;

    // Last finished aggressor event, for call/put pairing.
    public long LastAggTs = Never;
    public MboSide LastAggSide;
    public long LastAggSize;
    public bool LastAggPaired;

    /// <summary>Forgets session state (windows are reset by the tracker).</summary>
    public void ResetSession()
    {
        Cvd = 0;
        AggActive = false;
        Array.Fill(ConsumedTs, Never);
        LastConsumedTs = Never;
        ChainLastTs = Never;
        SweepLastTs = Never;
        LastTradeTs = Never;
        Array.Clear(TradeSize);
        Array.Fill(TradeTs, Never);
        LastAggTs = Never;
        LastAddTs = Never;
        RecentAdds.Clear();
    }
}
