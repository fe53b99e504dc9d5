using System.Numerics;
using System.Runtime.CompilerServices;
using FlowEngine.Book;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Order-flow pressure per instrument over event-time windows, fed every event after the L3 book applied it.
/// It assembles aggressor events from T/F records, tracks order-flow imbalance at the best and over the top
/// levels, counts adds, cancels and fleeting orders, flags large adds against a rolling percentile, and
/// detects sweeps, iceberg refills and replenishment from the book. Windows are aligned to multiples of their
/// length and close when event time (any record's ts_recv, or a timer tick) reaches their end, so a quiet
/// market still closes them and replay closes them at the same points.
/// </summary>
/// <remarks>
/// Single-threaded and deterministic: instruments are kept sorted by id and every output is produced in that
/// order. Allocation happens only when an instrument first appears or a listener is added; after that,
/// <see cref="OnEvent"/> allocates nothing. Snapshot records (F_SNAPSHOT) only re-base the book view: they
/// never count as flow, never move the window clock and never produce events.
/// </remarks>
public sealed class PressureTracker
{
    private readonly PressureOptions _options;
    private readonly BookSet _books;
    private readonly InstrumentRegistry? _registry;
    private readonly long[] _lengths;
    private readonly long _shortest;
    private readonly int _ofiLevels;
    private readonly InstrumentSlots _slots = new();
    private readonly List<InstrumentFlow> _sorted = [];
    private InstrumentFlow[] _bySlot = new InstrumentFlow[16];
    private IFlowListener[] _listeners = [];
    private WindowStats[] _closed = new WindowStats[16];
    private InstrumentFlow? _last;
    private long _nextBoundary = long.MinValue;
    private bool _initialized;
    private bool _anyOpen;
    private long _inputIndex;
    private long _now;

    /// <summary>Creates a tracker reading the books in <paramref name="books"/> (the book stage must apply each event first).</summary>
    /// <param name="options">Window lengths and detector settings; validated here.</param>
    /// <param name="books">The books the previous stage maintains.</param>
    /// <param name="registry">Instrument definitions, used to pair calls and puts of one strike; optional.</param>
    public PressureTracker(PressureOptions options, BookSet books, InstrumentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(books);
        options.Validate();
        _options = options;
        _books = books;
        _registry = registry;
        _lengths = [.. options.WindowLengthsNs];
        _shortest = _lengths[0];
        _ofiLevels = options.OfiLevels;
    }

    /// <summary>The options in force.</summary>
    public PressureOptions Options => _options;

    /// <summary>Window lengths in ns, shortest first (index = length index used by listeners).</summary>
    public ReadOnlySpan<long> WindowLengths => _lengths;

    /// <summary>Events fed so far; the next event's input index.</summary>
    public long EventsSeen => _inputIndex;

    /// <summary>Event time (ts_recv) of the latest live record or timer tick (0 before the first).</summary>
    public long Now => _now;

    /// <summary>Instruments seen, in id order.</summary>
    public int InstrumentCount => _sorted.Count;

    /// <summary>The id of the <paramref name="index"/>-th instrument seen, in instrument-id order (0 ≤ index &lt; <see cref="InstrumentCount"/>).</summary>
    public uint InstrumentAt(int index) => _sorted[index].InstrumentId;

    /// <summary>Adds a listener; call before feeding events (it allocates).</summary>
    public void AddListener(IFlowListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listeners = [.. _listeners, listener];
    }

    /// <summary>
    /// Feeds one event: an MBO record already applied to the book, a timer tick (closes due windows), or an
    /// instrument definition (updates call/put pairing). Other kinds are counted and ignored.
    /// </summary>
    public void OnEvent(in MboEvent evt)
    {
        var index = _inputIndex++;
        if (evt.Kind != EventKind.Mbo)
        {
            if (evt.Kind == EventKind.TimerTick)
                AdvanceTo(evt.TsRecv);
            else if (evt.Kind == EventKind.InstrumentDefinition)
                OnDefinition(evt.InstrumentId);
            return;
        }

        var flow = FlowOf(evt.InstrumentId);
        if ((evt.Flags & MboFlags.Snapshot) != 0)
        {
            OnSnapshotRecord(flow, in evt);
            return;
        }
        if (evt.TsRecv >= _nextBoundary)
            AdvanceSlow(evt.TsRecv);
        _now = evt.TsRecv;

        ref var w = ref flow.Windows[0];
        w.Events++;
        switch (evt.Action)
        {
            case MboAction.Add:
                OnAdd(flow, ref w, in evt, index);
                break;
            case MboAction.Cancel:
                if (!flow.AggActive)
                {
                    w.Cancels++;
                    w.CancelVolume += evt.Size;
                    if (flow.RecentAdds.RemovedWithin(evt.OrderId, evt.TsRecv, _options.FleetingNs))
                        w.Fleeting++;
                }
                MarkDepth(flow, evt.Side, evt.Price);
                break;
            case MboAction.Modify:
                if (!flow.AggActive)
                    w.Modifies++;
                // The record carries only the new price: the order may have left the top levels from inside them.
                flow.Changed = true;
                if (evt.Side == MboSide.Bid)
                    flow.BidDirty = true;
                else
                    flow.AskDirty = true;
                break;
            case MboAction.Trade:
                OnTrade(flow, in evt, index);
                break;
            case MboAction.Fill:
                OnFill(flow, in evt);
                break;
            case MboAction.Clear:
                flow.HasDepth = false;
                flow.Changed = true;
                break;
        }
        if ((evt.Flags & MboFlags.Last) != 0)
            OnLast(flow, in evt, index);
    }

    /// <summary>Moves event time to <paramref name="tsNs"/> (what a timer tick does), closing every window that ends at or before it.</summary>
    public void AdvanceTo(long tsNs)
    {
        if (tsNs >= _nextBoundary)
            AdvanceSlow(tsNs);
        if (tsNs > _now)
            _now = tsNs;
    }

    /// <summary>
    /// Starts a new session: forgets open windows (without reporting them), cumulative delta and the detectors'
    /// short memories, and restarts the window clock at the next event. Large-order history and pairing stay.
    /// </summary>
    public void ResetSession()
    {
        foreach (var flow in _sorted)
        {
            flow.ResetSession();
            for (var k = 0; k < _lengths.Length; k++)
                flow.Windows[k].Reset(0, flow.Top.BidPrice, flow.Top.AskPrice);
        }
        _initialized = false;
        _anyOpen = false;
        _nextBoundary = long.MinValue;
    }

    /// <summary>
    /// The window of length index <paramref name="lengthIndex"/> that is open now for the instrument, including
    /// the shortest window's counts not yet rolled up, with the current top as its close. False for an unknown instrument.
    /// </summary>
    public bool TryGetOpenWindow(uint instrumentId, int lengthIndex, out WindowStats window)
    {
        var slot = _slots.Find(instrumentId);
        if (slot < 0 || (uint)lengthIndex >= (uint)_lengths.Length)
        {
            window = default;
            return false;
        }
        var flow = _bySlot[slot];
        window = flow.Windows[lengthIndex];
        if (lengthIndex > 0)
            window.Accumulate(in flow.Windows[0]);
        SetClose(flow, ref window);
        return true;
    }

    /// <summary>Session cumulative volume delta (buy − sell aggressor lots) of the instrument; 0 when unknown.</summary>
    public long CumulativeDelta(uint instrumentId)
    {
        var slot = _slots.Find(instrumentId);
        return slot < 0 ? 0 : _bySlot[slot].Cvd;
    }

    /// <summary>The last consistent top of book the tracker saw for the instrument.</summary>
    public TopOfBook TopOf(uint instrumentId)
    {
        var slot = _slots.Find(instrumentId);
        return slot < 0 ? TopOfBook.Empty : _bySlot[slot].Top;
    }

    /// <summary>Current large-order threshold (adds strictly above it are large); <see cref="long.MaxValue"/> while warming up.</summary>
    public long LargeOrderThreshold(uint instrumentId)
    {
        var slot = _slots.Find(instrumentId);
        return slot < 0 ? long.MaxValue : _bySlot[slot].LargeOrders.Threshold;
    }

    /// <summary>The same-strike call/put partner of an option, when definitions made one known.</summary>
    public bool TryGetPartner(uint instrumentId, out uint partnerId)
    {
        var slot = _slots.Find(instrumentId);
        if (slot >= 0 && _bySlot[slot].Partner >= 0)
        {
            partnerId = _bySlot[_bySlot[slot].Partner].InstrumentId;
            return true;
        }
        partnerId = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private InstrumentFlow FlowOf(uint instrumentId)
    {
        var flow = _last;
        if (flow is not null && flow.InstrumentId == instrumentId)
            return flow;
        var slot = _slots.Find(instrumentId);
        flow = slot >= 0 ? _bySlot[slot] : AddInstrument(instrumentId);
        _last = flow;
        return flow;
    }

    private InstrumentFlow AddInstrument(uint instrumentId)
    {
        var slot = _slots.Count;
        var flow = new InstrumentFlow(instrumentId, slot, _options);
        if (slot == _bySlot.Length)
            Array.Resize(ref _bySlot, slot * 2);
        _bySlot[slot] = flow;
        _slots.Add(instrumentId, slot);
        var at = 0;
        while (at < _sorted.Count && _sorted[at].InstrumentId < instrumentId)
            at++;
        _sorted.Insert(at, flow);
        if (_closed.Length < _sorted.Count)
            Array.Resize(ref _closed, _closed.Length * 2);
        if (_initialized)
        {
            var current = _nextBoundary - _shortest;
            for (var k = 0; k < _lengths.Length; k++)
                flow.Windows[k].Reset(current - Mod(current, _lengths[k]), MboEvent.UndefinedPrice, MboEvent.UndefinedPrice);
        }
        ResolvePartner(flow);
        return flow;
    }

    private void OnDefinition(uint instrumentId)
    {
        if (_registry is null || !_registry.ContainsKey(instrumentId))
            return;
        ResolvePartner(FlowOf(instrumentId));
    }

    private void ResolvePartner(InstrumentFlow flow)
    {
        if (_registry is null || !_registry.TryGetValue(flow.InstrumentId, out var def))
            return;
        if (def.Class is not (InstrumentClass.Call or InstrumentClass.Put))
            return;
        var wanted = def.Class == InstrumentClass.Call ? InstrumentClass.Put : InstrumentClass.Call;
        foreach (var other in _registry.Values)
        {
            if (other.Class == wanted && other.StrikePrice == def.StrikePrice && other.Expiration == def.Expiration
                && string.Equals(other.Underlying, def.Underlying, StringComparison.Ordinal))
            {
                var partner = FlowOf(other.InstrumentId);
                flow.Partner = partner.Slot;
                partner.Partner = flow.Slot;
                return;
            }
        }
    }

    private void OnSnapshotRecord(InstrumentFlow flow, in MboEvent evt)
    {
        if ((evt.Flags & MboFlags.Last) == 0)
            return;
        var book = flow.Book ??= FindBook(flow.InstrumentId);
        if (book is null)
            return;
        Rebase(flow, book);
        for (var k = 0; k < _lengths.Length; k++)
        {
            ref var w = ref flow.Windows[k];
            if (w.Events == 0)
            {
                w.OpenBid = w.CloseBid = flow.Top.BidPrice;
                w.OpenAsk = w.CloseAsk = flow.Top.AskPrice;
            }
        }
    }

    private OrderBook? FindBook(uint instrumentId) => _books.TryGetBook(instrumentId, out var book) ? book : null;

    private void Rebase(InstrumentFlow flow, OrderBook book)
    {
        flow.Top = book.ConsistentTop;
        flow.PrevBidCount = book.CopyDepth(MboSide.Bid, flow.PrevBids);
        flow.PrevAskCount = book.CopyDepth(MboSide.Ask, flow.PrevAsks);
        flow.HasDepth = true;
        flow.BidDirty = flow.AskDirty = false;
        flow.BidTouched = flow.AskTouched = 0;
    }

    /// <summary>
    /// Notes a book change at <paramref name="price"/>. A change at a price already among the side's top levels
    /// is a size change there, remembered by depth so F_LAST reads just those levels; a new price inside the top
    /// levels shifts them and marks the side for a full copy; a change below them is not depth OFI's business.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkDepth(InstrumentFlow flow, MboSide side, long price)
    {
        flow.Changed = true;
        if (side == MboSide.Bid)
        {
            if (!flow.BidDirty)
                flow.BidDirty = Touch(ref flow.BidTouched, flow.PrevBids, flow.PrevBidCount, price, bid: true);
        }
        else if (!flow.AskDirty)
        {
            flow.AskDirty = Touch(ref flow.AskTouched, flow.PrevAsks, flow.PrevAskCount, price, bid: false);
        }
    }

    /// <summary>Marks the level at <paramref name="price"/> touched; true when the price is a new level inside the top levels.</summary>
    private bool Touch(ref ulong touched, BookLevel[] prev, int count, long price, bool bid)
    {
        for (var m = 0; m < count; m++)
        {
            var p = prev[m].Price;
            if (p == price)
            {
                touched |= 1UL << m;
                return false;
            }
            if (bid ? price > p : price < p)
                return true;
        }
        return count < _ofiLevels;
    }

    private void OnAdd(InstrumentFlow flow, ref WindowStats w, in MboEvent evt, long index)
    {
        var size = evt.Size;
        w.Adds++;
        w.AddVolume += size;
        flow.RecentAdds.Added(evt.OrderId, evt.TsRecv);
        var large = flow.LargeOrders;
        if (large.IsLarge(size))
        {
            if (evt.Side == MboSide.Bid)
            {
                w.LargeBidAdds++;
                w.LargeBidVolume += size;
            }
            else
            {
                w.LargeAskAdds++;
                w.LargeAskVolume += size;
            }
        }
        large.Add(size);
        if (flow.LastAddSide != evt.Side && evt.TsRecv - flow.LastAddTs <= _options.QuotePairToleranceNs
            && size <= 2 * flow.LastAddSize && flow.LastAddSize <= 2L * size)
        {
            w.QuotePairs++;
            w.QuotePairVolume += size + flow.LastAddSize;
            flow.LastAddTs = InstrumentFlow.Never; // one pair per two adds
        }
        else
        {
            flow.LastAddTs = evt.TsRecv;
            flow.LastAddSide = evt.Side;
            flow.LastAddSize = size;
        }
        var refilled = flow.AggActive
            ? CheckRefillInEvent(flow, ref w, in evt, index)
            : evt.TsRecv - flow.LastConsumedTs <= _options.IcebergRefillWindowNs && CheckRefill(flow, ref w, in evt, index);
        // An add is either a refill of a consumed level or a replenishment of a trade, never both.
        if (!refilled && evt.TsRecv - flow.LastTradeTs <= _options.ReplenishWindowNs)
            CheckReplenish(flow, ref w, in evt, _options.ReplenishWindowNs);
        MarkDepth(flow, evt.Side, evt.Price);
    }

    private bool CheckRefill(InstrumentFlow flow, ref WindowStats w, in MboEvent evt, long index)
    {
        // Newest first, so a level consumed twice matches its latest consumption.
        const int Mask = InstrumentFlow.MemorySlots - 1;
        var price = evt.Price;
        for (var n = 1; n <= InstrumentFlow.MemorySlots; n++)
        {
            var i = (flow.ConsumedHead - n) & Mask;
            if (flow.ConsumedPrice[i] != price || flow.ConsumedSide[i] != evt.Side)
                continue;
            var ts = flow.ConsumedTs[i];
            if (evt.TsRecv - ts > _options.IcebergRefillWindowNs)
                continue;
            flow.ConsumedTs[i] = InstrumentFlow.Never;
            Refill(flow, ref w, in evt, index, flow.ConsumedTraded[i],
                flow.ConsumedFillId[i] == evt.OrderId, flow.ConsumedFillSize[i] == evt.Size);
            return true;
        }
        return false;
    }

    private bool CheckRefillInEvent(InstrumentFlow flow, ref WindowStats w, in MboEvent evt, long index)
    {
        // A refresh inside the matching event itself (how venue-native icebergs show): an add on the resting side
        // at a price the aggressor has just taken out.
        if (evt.Side == flow.AggSide)
            return false;
        for (var l = 0; l < flow.AggLevels; l++)
        {
            if (flow.LevelPrice[l] == evt.Price && flow.LevelTakenOut[l])
            {
                // Once only: the refilled level is no longer taken out.
                flow.LevelTakenOut[l] = false;
                Refill(flow, ref w, in evt, index, flow.LevelSize[l], flow.LevelFillId[l] == evt.OrderId, flow.LevelFillSize[l] == evt.Size);
                return true;
            }
        }
        return false;
    }

    private void Refill(InstrumentFlow flow, ref WindowStats w, in MboEvent evt, long index, long traded, bool sameId, bool sameSize)
    {
        if (flow.ChainSide == evt.Side && flow.ChainPrice == evt.Price && evt.TsRecv - flow.ChainLastTs <= _options.IcebergChainNs)
        {
            flow.ChainCount++;
            flow.ChainVolume += traded;
            // A hidden order re-displays the same size each time; a chain of different sizes is more likely several orders.
            sameSize |= evt.Size == flow.ChainDisplay;
        }
        else
        {
            flow.ChainSide = evt.Side;
            flow.ChainPrice = evt.Price;
            flow.ChainCount = 1;
            flow.ChainVolume = traded;
        }
        flow.ChainDisplay = evt.Size;
        if (sameSize && evt.Size <= flow.LargeOrders.ValueAt(_options.IcebergDisplayPercentile))
            sameSize = false;
        flow.ChainLastTs = evt.TsRecv;
        w.IcebergRefills++;
        w.RefillVolume += evt.Size;
        if (evt.Side == MboSide.Bid)
        {
            w.AbsorbedBid += traded;
            w.AbsorbedBidEvents++;
        }
        else
        {
            w.AbsorbedAsk += traded;
            w.AbsorbedAskEvents++;
        }
        if (_listeners.Length == 0)
            return;
        var fe = new FlowEvent
        {
            Kind = FlowEventKind.IcebergRefill,
            InstrumentId = flow.InstrumentId,
            Side = evt.Side,
            TsRecv = evt.TsRecv,
            Sequence = evt.Sequence,
            InputIndex = index,
            Price = evt.Price,
            LastPrice = evt.Price,
            PriorBest = evt.Price,
            Levels = 1,
            Size = evt.Size,
            Notional = evt.Price / 1e9 * flow.ChainVolume,
            Flag = sameId,
            SameSize = sameSize,
            Count = flow.ChainCount,
            ChainVolume = flow.ChainVolume,
        };
        foreach (var listener in _listeners)
            listener.OnFlowEvent(in fe);
    }

    private static void CheckReplenish(InstrumentFlow flow, ref WindowStats w, in MboEvent evt, long windowNs)
    {
        for (var i = 0; i < InstrumentFlow.MemorySlots; i++)
        {
            if (flow.TradeSize[i] != evt.Size || flow.TradePrice[i] != evt.Price || flow.TradeSide[i] != evt.Side
                || evt.TsRecv - flow.TradeTs[i] > windowNs)
                continue;
            flow.TradeSize[i] = 0;
            if (evt.Side == MboSide.Bid)
            {
                w.AbsorbedBid += evt.Size;
                w.AbsorbedBidEvents++;
            }
            else
            {
                w.AbsorbedAsk += evt.Size;
                w.AbsorbedAskEvents++;
            }
            return;
        }
    }

    private void OnTrade(InstrumentFlow flow, in MboEvent evt, long index)
    {
        var side = evt.Side;
        if (side != MboSide.Bid && side != MboSide.Ask)
            return; // auction prints and trades without an aggressor carry no pressure
        if (flow.AggActive && (evt.OrderId != flow.AggOrderId || evt.Sequence != flow.AggSequence))
            FinalizeAggressor(flow, evt.TsRecv, evt.Sequence, index, consistent: false);
        if (!flow.AggActive)
        {
            flow.AggActive = true;
            flow.AggSide = side;
            flow.AggOrderId = evt.OrderId;
            flow.AggSequence = evt.Sequence;
            flow.AggTs = evt.TsRecv;
            flow.AggSize = 0;
            flow.AggNotional = 0;
            flow.AggLevels = 0;
            flow.AggThrough = false;
            var top = flow.Top;
            flow.AggPriorBest = side == MboSide.Bid
                ? (top.HasAsk ? top.AskPrice : MboEvent.UndefinedPrice)
                : (top.HasBid ? top.BidPrice : MboEvent.UndefinedPrice);
        }

        var price = evt.Price;
        var size = (long)evt.Size;
        int l;
        if (flow.AggLevels > 0 && flow.LevelPrice[flow.AggLevels - 1] == price)
        {
            l = flow.AggLevels - 1;
        }
        else if (flow.AggLevels < InstrumentFlow.MaxTradeLevels)
        {
            l = flow.AggLevels++;
            flow.LevelPrice[l] = price;
            flow.LevelSize[l] = 0;
            flow.LevelFillId[l] = 0;
            flow.LevelFillSize[l] = 0;
            flow.LevelTakenOut[l] = false;
        }
        else
        {
            l = flow.AggLevels - 1;
        }
        flow.LevelSize[l] += size;
        flow.AggSize += size;
        flow.AggNotional += price / 1e9 * size;

        var prior = flow.AggPriorBest;
        if (prior != MboEvent.UndefinedPrice && (side == MboSide.Bid ? price > prior : price < prior))
            flow.AggThrough = true;

        // T and F records do not change the book, so the level still shows what was displayed before the trade.
        var book = flow.Book ??= FindBook(flow.InstrumentId);
        var resting = side == MboSide.Bid ? MboSide.Ask : MboSide.Bid;
        var displayed = book is not null && book.TryGetLevel(resting, price, out var level) ? level.Size : 0;
        if (flow.LevelSize[l] > displayed)
        {
            var hidden = flow.LevelSize[l] - Math.Max(displayed, flow.LevelSize[l] - size);
            flow.Windows[0].HiddenVolume += hidden;
        }
        if (flow.LevelSize[l] >= displayed)
            flow.LevelTakenOut[l] = true; // the whole displayed level traded
    }

    private static void OnFill(InstrumentFlow flow, in MboEvent evt)
    {
        if (!flow.AggActive || flow.AggLevels == 0)
            return;
        var l = flow.AggLevels - 1;
        if (flow.LevelPrice[l] == evt.Price && evt.Size > flow.LevelFillSize[l])
        {
            // The largest order filled at a level is the best guess for an iceberg's display.
            flow.LevelFillId[l] = evt.OrderId;
            flow.LevelFillSize[l] = evt.Size;
        }
    }

    private void OnLast(InstrumentFlow flow, in MboEvent evt, long index)
    {
        if (flow.AggActive)
            FinalizeAggressor(flow, evt.TsRecv, evt.Sequence, index, consistent: true);
        if (!flow.Changed)
            return; // trades, fills and no-ops leave the book as it was: nothing for OFI
        flow.Changed = false;
        var book = flow.Book ??= FindBook(flow.InstrumentId);
        if (book is null)
            return;
        if (!flow.HasDepth)
        {
            Rebase(flow, book);
            return;
        }
        ref var w = ref flow.Windows[0];
        var top = book.ConsistentTop;
        // Field by field: OFI needs prices and sizes only, and this is every F_LAST of every instrument.
        var bidMoved = top.BidPrice != flow.Top.BidPrice || top.BidSize != flow.Top.BidSize;
        var askMoved = top.AskPrice != flow.Top.AskPrice || top.AskSize != flow.Top.AskSize;
        if (bidMoved || askMoved)
        {
            w.OfiBest += Ofi.Best(flow.Top, top);
            // A best level that moved without a recorded change (a book anomaly) is caught by a full copy.
            flow.BidDirty |= bidMoved && flow.BidTouched == 0;
            flow.AskDirty |= askMoved && flow.AskTouched == 0;
        }
        flow.Top = top;
        // OFI separates by side (bid terms use only bids): a side whose levels only changed size is updated in
        // place; a side whose prices shifted is copied again.
        if (flow.BidDirty || (flow.BidTouched != 0
            && !TryUpdateSizes(book, MboSide.Bid, flow.PrevBids, flow.NextBids, flow.PrevBidCount, flow.BidTouched, ref w.OfiDepth, 1)))
        {
            var n = book.CopyDepth(MboSide.Bid, flow.NextBids);
            w.OfiDepth += Ofi.BidDepth(flow.PrevBids.AsSpan(0, flow.PrevBidCount), flow.NextBids.AsSpan(0, n), _ofiLevels);
            (flow.PrevBids, flow.NextBids) = (flow.NextBids, flow.PrevBids);
            flow.PrevBidCount = n;
            flow.BidDirty = false;
        }
        flow.BidTouched = 0;
        if (flow.AskDirty || (flow.AskTouched != 0
            && !TryUpdateSizes(book, MboSide.Ask, flow.PrevAsks, flow.NextAsks, flow.PrevAskCount, flow.AskTouched, ref w.OfiDepth, -1)))
        {
            var n = book.CopyDepth(MboSide.Ask, flow.NextAsks);
            w.OfiDepth += Ofi.AskDepth(flow.PrevAsks.AsSpan(0, flow.PrevAskCount), flow.NextAsks.AsSpan(0, n), _ofiLevels);
            (flow.PrevAsks, flow.NextAsks) = (flow.NextAsks, flow.PrevAsks);
            flow.PrevAskCount = n;
            flow.AskDirty = false;
        }
        flow.AskTouched = 0;
    }

    /// <summary>
    /// Depth OFI when the side's top prices stayed put and only the <paramref name="touched"/> levels changed
    /// size: each such level contributes its size change (times <paramref name="sign"/>: + for bids, − for asks).
    /// False, with nothing changed, when a level was removed (prices shifted): the caller then copies the side.
    /// </summary>
    private static bool TryUpdateSizes(OrderBook book, MboSide side, BookLevel[] prev, BookLevel[] scratch, int count,
        ulong touched, ref long ofiDepth, int sign)
    {
        // A removal above the deepest remembered level moves that level (or empties its depth).
        var last = count - 1;
        if (book.LevelCount(side) < count || book.GetLevel(side, last).Price != prev[last].Price)
            return false;
        for (var mask = touched; mask != 0; mask &= mask - 1)
        {
            var m = BitOperations.TrailingZeroCount(mask);
            scratch[m] = book.GetLevel(side, m);
            if (scratch[m].Price != prev[m].Price)
                return false;
        }
        var growth = 0L;
        for (var mask = touched; mask != 0; mask &= mask - 1)
        {
            var m = BitOperations.TrailingZeroCount(mask);
            growth += scratch[m].Size - prev[m].Size;
            prev[m] = scratch[m];
        }
        ofiDepth += sign * growth;
        return true;
    }

    private void FinalizeAggressor(InstrumentFlow flow, long tsRecv, uint sequence, long index, bool consistent)
    {
        flow.AggActive = false;
        var side = flow.AggSide;
        var size = flow.AggSize;
        if (size <= 0)
            return;
        ref var w = ref flow.Windows[0];
        if (side == MboSide.Bid)
        {
            w.BuyVolume += size;
            w.BuyCount++;
            flow.Cvd += size;
        }
        else
        {
            w.SellVolume += size;
            w.SellCount++;
            flow.Cvd -= size;
        }
        w.SumSquaredSize += (double)size * size;
        if (size > w.MaxAggressorSize)
            w.MaxAggressorSize = size;
        w.Notional += flow.AggNotional;

        var ts = flow.AggTs;
        var resting = side == MboSide.Bid ? MboSide.Ask : MboSide.Bid;
        var book = flow.Book;
        for (var l = 0; l < flow.AggLevels; l++)
        {
            var price = flow.LevelPrice[l];
            // Consumed: at a consistent point the level is gone; otherwise trust what the trade saw.
            var consumed = consistent && book is not null
                ? !book.TryGetLevel(resting, price, out _)
                : flow.LevelTakenOut[l];
            if (consumed)
            {
                var c = flow.ConsumedHead;
                flow.ConsumedSide[c] = resting;
                flow.ConsumedPrice[c] = price;
                flow.ConsumedTs[c] = tsRecv;
                flow.ConsumedFillId[c] = flow.LevelFillId[l];
                flow.ConsumedFillSize[c] = flow.LevelFillSize[l];
                flow.ConsumedTraded[c] = flow.LevelSize[l];
                flow.ConsumedHead = (c + 1) % InstrumentFlow.MemorySlots;
                flow.LastConsumedTs = tsRecv;
            }
            var t = flow.TradeHead;
            flow.TradeSide[t] = resting;
            flow.TradePrice[t] = price;
            flow.TradeSize[t] = flow.LevelSize[l];
            flow.TradeTs[t] = tsRecv;
            flow.TradeHead = (t + 1) % InstrumentFlow.MemorySlots;
            flow.LastTradeTs = tsRecv;
        }

        // Call/put pairing: the same aggressor side on both legs of a strike at (nearly) the same time.
        var paired = false;
        if (flow.Partner >= 0)
        {
            var partner = _bySlot[flow.Partner];
            if (partner.LastAggSide == side && Math.Abs(ts - partner.LastAggTs) <= _options.PairToleranceNs)
            {
                paired = true;
                AddPaired(ref w, side, size);
                if (!partner.LastAggPaired)
                {
                    AddPaired(ref partner.Windows[0], side, partner.LastAggSize);
                    partner.LastAggPaired = true;
                }
            }
        }
        flow.LastAggTs = ts;
        flow.LastAggSide = side;
        flow.LastAggSize = size;
        flow.LastAggPaired = paired;

        if (flow.AggLevels < 2 && !flow.AggThrough)
            return;
        w.Sweeps++;
        w.SweepVolume += size;
        if (flow.SweepSide == side && ts - flow.SweepLastTs <= _options.IcebergChainNs)
        {
            flow.SweepCount++;
        }
        else
        {
            flow.SweepSide = side;
            flow.SweepCount = 1;
        }
        flow.SweepLastTs = ts;
        if (_listeners.Length == 0)
            return;
        var fe = new FlowEvent
        {
            Kind = FlowEventKind.Sweep,
            InstrumentId = flow.InstrumentId,
            Side = side,
            TsRecv = tsRecv,
            Sequence = sequence,
            InputIndex = index,
            Price = flow.LevelPrice[0],
            LastPrice = flow.LevelPrice[flow.AggLevels - 1],
            PriorBest = flow.AggPriorBest,
            Levels = flow.AggLevels,
            Size = size,
            Notional = flow.AggNotional,
            Flag = flow.AggThrough,
            Count = flow.SweepCount,
            ChainVolume = size,
        };
        foreach (var listener in _listeners)
            listener.OnFlowEvent(in fe);
    }

    private static void AddPaired(ref WindowStats w, MboSide side, long size)
    {
        if (side == MboSide.Bid)
            w.PairedBuyVolume += size;
        else
            w.PairedSellVolume += size;
    }

    private void AdvanceSlow(long ts)
    {
        if (!_initialized)
        {
            Start(ts);
            return;
        }
        while (ts >= _nextBoundary)
        {
            CloseBoundary(_nextBoundary);
            _nextBoundary += _shortest;
            if (!_anyOpen && ts >= _nextBoundary)
            {
                // Nothing is open: jump over the quiet stretch instead of closing empty windows one by one.
                var aligned = ts - Mod(ts, _shortest);
                foreach (var flow in _sorted)
                {
                    for (var k = 0; k < _lengths.Length; k++)
                        flow.Windows[k].Reset(aligned - Mod(aligned, _lengths[k]), flow.Top.BidPrice, flow.Top.AskPrice);
                }
                _nextBoundary = aligned + _shortest;
            }
        }
    }

    private void Start(long ts)
    {
        _initialized = true;
        _now = ts;
        foreach (var flow in _sorted)
        {
            for (var k = 0; k < _lengths.Length; k++)
            {
                ref var w = ref flow.Windows[k];
                w.Reset(ts - Mod(ts, _lengths[k]), flow.Top.BidPrice, flow.Top.AskPrice);
            }
        }
        _nextBoundary = ts - Mod(ts, _shortest) + _shortest;
    }

    private void CloseBoundary(long boundary)
    {
        _anyOpen = false;
        var n = 0;
        var sorted = _sorted;
        for (var i = 0; i < sorted.Count; i++)
        {
            var flow = sorted[i];
            ref var s = ref flow.Windows[0];
            if (s.Events > 0 || s.PairedBuyVolume != 0 || s.PairedSellVolume != 0)
            {
                SetClose(flow, ref s);
                for (var k = 1; k < _lengths.Length; k++)
                    flow.Windows[k].Accumulate(in s);
                if (s.Events > 0)
                    _closed[n++] = s;
                s.Reset(boundary, flow.Top.BidPrice, flow.Top.AskPrice);
            }
            else
            {
                s.Restart(boundary, flow.Top.BidPrice, flow.Top.AskPrice);
            }
        }
        Emit(0, boundary, n);

        for (var k = 1; k < _lengths.Length; k++)
        {
            var due = Mod(boundary, _lengths[k]) == 0;
            n = 0;
            for (var i = 0; i < sorted.Count; i++)
            {
                var flow = sorted[i];
                ref var w = ref flow.Windows[k];
                if (!due)
                {
                    if (w.Events > 0)
                        _anyOpen = true;
                    continue;
                }
                if (w.Events > 0)
                {
                    SetClose(flow, ref w);
                    _closed[n++] = w;
                    w.Reset(boundary, flow.Top.BidPrice, flow.Top.AskPrice);
                }
                else if (w.PairedBuyVolume != 0 || w.PairedSellVolume != 0)
                {
                    w.Reset(boundary, flow.Top.BidPrice, flow.Top.AskPrice);
                }
                else
                {
                    w.Restart(boundary, flow.Top.BidPrice, flow.Top.AskPrice);
                }
            }
            if (due)
                Emit(k, boundary, n);
        }
    }

    private void Emit(int lengthIndex, long boundary, int count)
    {
        if (count == 0)
            return;
        var span = new ReadOnlySpan<WindowStats>(_closed, 0, count);
        foreach (var listener in _listeners)
            listener.OnWindowsClosed(lengthIndex, boundary, span);
    }

    private static void SetClose(InstrumentFlow flow, ref WindowStats w)
    {
        var top = flow.Top;
        w.CloseBid = top.BidPrice;
        w.CloseAsk = top.AskPrice;
        w.CloseBidSize = top.BidSize;
        w.CloseAskSize = top.AskSize;
        w.Cvd = flow.Cvd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Mod(long value, long length)
    {
        var m = value % length;
        return m < 0 ? m + length : m;
    }
}
