using System.Diagnostics.CodeAnalysis;
using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// One <see cref="OrderBook"/> per instrument, created on the instrument's first record, so a feed that
/// interleaves instruments is applied with one call. Results are always produced in instrument-id order,
/// never in hash order, so two runs print and journal the same thing.
/// </summary>
public sealed class BookSet
{
    private readonly Dictionary<uint, OrderBook> _byId = [];
    private OrderBook? _prefetchLast;
    private readonly List<OrderBook> _sorted = [];
    private readonly int _orderCapacity;
    private readonly int _levelCapacity;
    private OrderBook? _last;

    /// <summary>
    /// Live orders a book of a set starts with. A set usually holds many instruments, most of them thin (an
    /// options chain), and the id map is probed at random: sized for the busiest book (16,384), the 43 simulated
    /// books keep ~22 MB of maps hot; started here, each grows to its own size during the opening snapshot and the
    /// maps fit in cache (SimulatedBookSetBenchmarks). 2,048 leaves the chain's busiest options (~1,040 orders at
    /// their peak) room, so they do not grow, and allocate, in mid-session.
    /// </summary>
    public const int DefaultOrderCapacity = 2_048;

    /// <summary>Price levels per side a book of a set starts with (the simulated chain uses under 70).</summary>
    public const int DefaultLevelCapacity = 256;

    /// <summary>Creates an empty set whose books are sized with the given capacities.</summary>
    /// <param name="orderCapacity">Live orders each book holds before its pools grow.</param>
    /// <param name="levelCapacity">Price levels per side each book holds before its pools grow.</param>
    public BookSet(int orderCapacity = DefaultOrderCapacity, int levelCapacity = DefaultLevelCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orderCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(levelCapacity, 1);
        _orderCapacity = orderCapacity;
        _levelCapacity = levelCapacity;
    }

    /// <summary>The books, sorted by instrument id.</summary>
    public IReadOnlyList<OrderBook> Books => _sorted;

    /// <summary>Number of instruments seen.</summary>
    public int Count => _sorted.Count;

    /// <summary>The book the last MBO record was applied to, so a caller can read its top after <see cref="Apply"/>.</summary>
    public OrderBook? LastBook => _last;

    /// <summary>
    /// Routes an MBO record to its instrument's book (creating the book on first sight) and applies it.
    /// Non-MBO events are ignored and leave <see cref="LastBook"/> unchanged.
    /// </summary>
    public ApplyResult Apply(in MboEvent evt)
    {
        if (evt.Kind != EventKind.Mbo)
            return ApplyResult.None;
        var book = _last;
        // Feeds are mostly one instrument in long runs: skip the dictionary when it is the same as last time.
        if (book is null || book.InstrumentId != evt.InstrumentId)
            _last = book = GetOrAdd(evt.InstrumentId);
        return book.Apply(in evt);
    }

    /// <summary>
    /// Starts loading what applying <paramref name="evt"/> will touch first (its order id's bucket in its book's
    /// id map), so a caller that can see a batch ahead hides the cache miss behind the events before it.
    /// </summary>
    public void Prefetch(in MboEvent evt)
    {
        if (evt.Kind != EventKind.Mbo)
            return;
        var book = _prefetchLast;
        if (book is null || book.InstrumentId != evt.InstrumentId)
        {
            if (!_byId.TryGetValue(evt.InstrumentId, out book))
                return;
            _prefetchLast = book;
        }
        book.Prefetch(evt.OrderId);
    }

    /// <summary>The book of <paramref name="instrumentId"/>, if a record for it has been seen or it was added.</summary>
    public bool TryGetBook(uint instrumentId, [NotNullWhen(true)] out OrderBook? book) =>
        _byId.TryGetValue(instrumentId, out book);

    /// <summary>The book of <paramref name="instrumentId"/>, created empty when absent.</summary>
    public OrderBook GetOrAdd(uint instrumentId)
    {
        if (_byId.TryGetValue(instrumentId, out var book))
            return book;
        book = new OrderBook(instrumentId, _orderCapacity, _levelCapacity);
        _byId.Add(instrumentId, book);
        var index = 0;
        while (index < _sorted.Count && _sorted[index].InstrumentId < instrumentId)
            index++;
        _sorted.Insert(index, book);
        return book;
    }

    /// <summary>Anomaly counts of all books together.</summary>
    public AnomalyCounts TotalAnomalies()
    {
        var total = default(AnomalyCounts);
        foreach (var book in _sorted)
            total.Add(book.Anomalies);
        return total;
    }
}
