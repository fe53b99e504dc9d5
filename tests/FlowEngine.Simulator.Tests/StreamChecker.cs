using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Tests;

/// <summary>
/// Replays a simulated stream into a plain order map (order id → instrument, side, price, size) and a
/// per-instrument price-level view, and counts every way the stream could be inconsistent: references to
/// unknown orders, sizes going negative, fills that do not add up to their trade, trade events whose C/M
/// records do not match their fills, crossed books at F_LAST, time or sequence going backwards.
/// Written independently of the simulator's own book so it can catch the simulator's mistakes.
/// </summary>
public sealed class StreamChecker
{
    private readonly Dictionary<ulong, (uint Instrument, MboSide Side, long Price, long Size)> _orders = new();
    private readonly Dictionary<uint, SideBook> _books = new();
    private readonly List<MboEvent> _event = new();
    private long _lastTsRecv = long.MinValue;
    private long _lastTsEvent = long.MinValue;
    private uint _lastSequence;
    private bool _inEvent;

    public long Records { get; private set; }
    public long Events { get; private set; }
    public long UnknownOrder { get; private set; }
    public long NegativeSize { get; private set; }
    public long DuplicateAdd { get; private set; }
    public long BadTradeStructure { get; private set; }
    public long Crossed { get; private set; }
    public long TimeBackwards { get; private set; }
    public long SequenceErrors { get; private set; }
    public long TsEventAfterRecv { get; private set; }
    public long Trades { get; private set; }
    public long MultiLevelTrades { get; private set; }
    public List<string> Problems { get; } = new();

    public int LiveOrders => _orders.Count;

    public int LiveOrdersOf(uint instrument)
    {
        var n = 0;
        foreach (var o in _orders.Values) if (o.Instrument == instrument) n++;
        return n;
    }

    public (long Bid, long Ask) Touch(uint instrument) =>
        _books.TryGetValue(instrument, out var b) ? (b.BestBid, b.BestAsk) : (long.MinValue, long.MaxValue);

    public void Observe(in MboEvent e)
    {
        Records++;
        if (e.TsRecv < _lastTsRecv) { TimeBackwards++; Note(e, "ts_recv went backwards"); }
        _lastTsRecv = e.TsRecv;
        if (e.Kind != EventKind.Mbo) return;
        if (e.TsEvent < _lastTsEvent) { TimeBackwards++; Note(e, "ts_event went backwards"); }
        _lastTsEvent = e.TsEvent;
        if (e.TsEvent > e.TsRecv) { TsEventAfterRecv++; Note(e, "ts_event after ts_recv"); }

        if (!_inEvent)
        {
            if (Events > 0 && e.Sequence != _lastSequence + 1) { SequenceErrors++; Note(e, $"sequence {e.Sequence} after {_lastSequence}"); }
            _inEvent = true;
            _event.Clear();
        }
        else if (e.Sequence != _lastSequence) { SequenceErrors++; Note(e, "sequence changed inside an event"); }
        _lastSequence = e.Sequence;
        _event.Add(e);
        if (e.IsLast)
        {
            ApplyEvent();
            _inEvent = false;
            Events++;
        }
    }

    private void Note(in MboEvent e, string what)
    {
        if (Problems.Count < 20) Problems.Add($"{what}: seq {e.Sequence} {(char)e.Action} {(char)e.Side} id {e.OrderId} inst {e.InstrumentId} px {e.Price} sz {e.Size}");
    }

    private void ApplyEvent()
    {
        if (_event[0].Action == MboAction.Trade) CheckTradeStructure();
        foreach (var e in _event) Apply(e);
        var instrument = _event[^1].InstrumentId;
        if (_books.TryGetValue(instrument, out var book) && book.BestBid >= book.BestAsk)
        {
            Crossed++;
            Note(_event[^1], $"crossed book {book.BestBid} >= {book.BestAsk}");
        }
    }

    // T (aggressor) then its F records at the same price summing to the T size, repeated per level;
    // then one C or M per F in the same order, for the same order ids, removing exactly the filled size.
    private void CheckTradeStructure()
    {
        Trades++;
        var fills = new List<MboEvent>();
        var i = 0;
        var levels = 0;
        var aggressor = _event[0].Side;
        while (i < _event.Count && _event[i].Action == MboAction.Trade)
        {
            var t = _event[i++];
            levels++;
            if (t.Side != aggressor || t.InstrumentId != _event[0].InstrumentId) BadTrade(t, "T side or instrument differs within one aggressor event");
            long sum = 0;
            while (i < _event.Count && _event[i].Action == MboAction.Fill)
            {
                var f = _event[i++];
                if (f.Price != t.Price) BadTrade(f, "F price differs from its T");
                if (f.Side == aggressor || f.Side == MboSide.None) BadTrade(f, "F side is not the resting side");
                sum += f.Size;
                fills.Add(f);
            }
            if (sum != t.Size) BadTrade(t, $"F sizes sum to {sum}, T says {t.Size}");
        }
        if (levels > 1) MultiLevelTrades++;
        if (_event.Count - i != fills.Count) { BadTrade(_event[0], $"{fills.Count} fills but {_event.Count - i} C/M records"); return; }
        for (var k = 0; k < fills.Count; k++)
        {
            var r = _event[i + k];
            var f = fills[k];
            if (r.OrderId != f.OrderId) { BadTrade(r, "C/M order differs from its F"); continue; }
            if (!_orders.TryGetValue(f.OrderId, out var o)) continue; // counted as unknown when applied
            if (f.Size > o.Size) BadTrade(f, $"fill {f.Size} larger than resting {o.Size}");
            if (r.Action == MboAction.Cancel && (r.Size != f.Size || o.Size != f.Size)) BadTrade(r, "C after a fill does not remove exactly the fill");
            if (r.Action == MboAction.Modify && (r.Size != o.Size - f.Size || r.Price != o.Price)) BadTrade(r, "M after a fill does not leave size − fill at the same price");
            if (r.Action is not (MboAction.Cancel or MboAction.Modify)) BadTrade(r, "record after fills is neither C nor M");
        }
    }

    private void BadTrade(in MboEvent e, string what)
    {
        BadTradeStructure++;
        Note(e, what);
    }

    private void Apply(in MboEvent e)
    {
        var book = Book(e.InstrumentId);
        switch (e.Action)
        {
            case MboAction.Clear:
                var doomed = new List<ulong>();
                foreach (var (id, o) in _orders) if (o.Instrument == e.InstrumentId) doomed.Add(id);
                foreach (var id in doomed) _orders.Remove(id);
                book.Clear();
                break;
            case MboAction.Add:
                if (_orders.ContainsKey(e.OrderId)) { DuplicateAdd++; Note(e, "add for a live order id"); break; }
                if (e.Size == 0) { NegativeSize++; Note(e, "add of size 0"); }
                _orders[e.OrderId] = (e.InstrumentId, e.Side, e.Price, e.Size);
                book.Change(e.Side, e.Price, e.Size);
                break;
            case MboAction.Cancel:
            {
                if (!_orders.TryGetValue(e.OrderId, out var o) || o.Instrument != e.InstrumentId) { UnknownOrder++; Note(e, "cancel of unknown order"); break; }
                if (e.Size > o.Size || e.Side != o.Side || e.Price != o.Price) { NegativeSize++; Note(e, $"cancel {e.Size} of {o.Size} (or side/price mismatch)"); }
                var left = o.Size - e.Size;
                book.Change(o.Side, o.Price, -Math.Min(e.Size, o.Size));
                if (left <= 0) _orders.Remove(e.OrderId); else _orders[e.OrderId] = o with { Size = left };
                break;
            }
            case MboAction.Modify:
            {
                if (!_orders.TryGetValue(e.OrderId, out var o) || o.Instrument != e.InstrumentId) { UnknownOrder++; Note(e, "modify of unknown order"); break; }
                if (e.Size == 0 || e.Side != o.Side) { NegativeSize++; Note(e, "modify to size 0 or other side"); }
                book.Change(o.Side, o.Price, -o.Size);
                book.Change(o.Side, e.Price, e.Size);
                _orders[e.OrderId] = o with { Price = e.Price, Size = e.Size };
                break;
            }
            case MboAction.Fill:
                if (!_orders.TryGetValue(e.OrderId, out var filled) || filled.Instrument != e.InstrumentId) { UnknownOrder++; Note(e, "fill of unknown order"); }
                else if (e.Size > filled.Size) { NegativeSize++; Note(e, "fill larger than the order"); }
                break;
        }
    }

    private SideBook Book(uint instrument)
    {
        if (!_books.TryGetValue(instrument, out var b)) _books[instrument] = b = new SideBook();
        return b;
    }

    /// <summary>Aggregated sizes per price for one instrument, enough to know the touch.</summary>
    private sealed class SideBook
    {
        private readonly Dictionary<long, long> _bidSize = new();
        private readonly Dictionary<long, long> _askSize = new();
        private readonly SortedSet<long> _bidPrices = new();
        private readonly SortedSet<long> _askPrices = new();

        public long BestBid => _bidPrices.Count > 0 ? _bidPrices.Max : long.MinValue;
        public long BestAsk => _askPrices.Count > 0 ? _askPrices.Min : long.MaxValue;

        public void Clear()
        {
            _bidSize.Clear();
            _askSize.Clear();
            _bidPrices.Clear();
            _askPrices.Clear();
        }

        public void Change(MboSide side, long price, long delta)
        {
            var sizes = side == MboSide.Bid ? _bidSize : _askSize;
            var prices = side == MboSide.Bid ? _bidPrices : _askPrices;
            var size = sizes.GetValueOrDefault(price) + delta;
            if (size <= 0)
            {
                sizes.Remove(price);
                prices.Remove(price);
            }
            else
            {
                if (!sizes.ContainsKey(price)) prices.Add(price);
                sizes[price] = size;
            }
        }
    }
}
