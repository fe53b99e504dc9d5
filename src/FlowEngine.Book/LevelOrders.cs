using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// The orders of one level in FIFO priority, enumerable with <c>foreach</c> without allocating. Valid only
/// until the book changes: it walks the book's live links.
/// </summary>
public readonly struct LevelOrders
{
    private readonly OrderBook _book;
    private readonly int _level;

    internal LevelOrders(OrderBook book, int level)
    {
        _book = book;
        _level = level;
    }

    /// <summary>Price of the level in 1e-9 units.</summary>
    public long Price => _book._levels[_level].Price;

    /// <summary>Number of orders in the level.</summary>
    public int Count => _book._levels[_level].Count;

    /// <summary>Starts at the order with the highest priority.</summary>
    public Enumerator GetEnumerator() => new(_book, _level);

    /// <summary>Walks the level's queue from front to back, counting position and size ahead on the way.</summary>
    public struct Enumerator
    {
        private readonly OrderBook _book;
        private readonly MboSide _side;
        private int _next;
        private int _position;
        private long _ahead;
        private BookOrder _current;

        internal Enumerator(OrderBook book, int level)
        {
            _book = book;
            _side = book._levels[level].Side;
            _next = book._levels[level].Head;
            _position = 0;
            _ahead = 0;
            _current = default;
        }

        /// <summary>The order at the current position.</summary>
        public readonly BookOrder Current => _current;

        /// <summary>Advances to the next order behind the current one.</summary>
        public bool MoveNext()
        {
            if (_next < 0)
                return false;
            ref readonly var node = ref _book._orders[_next];
            _current = new BookOrder(node.Id, _side, node.Price, node.Size, _position, _ahead);
            _position++;
            _ahead += node.Size;
            _next = node.Next;
            return true;
        }
    }
}
