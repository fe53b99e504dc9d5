using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Book;

// Pooled storage of the book: order and level slots with free lists, the intrusive FIFO links, and the
// per-side price ladders. Everything here is index arithmetic on preallocated arrays, so it never
// allocates once the arrays have grown to the day's size.
public sealed partial class OrderBook
{
    /// <summary>Fills order slot <paramref name="slot"/> and links it at the back of its level.</summary>
    private void Rest(int slot, ulong orderId, MboSide side, long price, uint size)
    {
        var level = GetOrCreateLevel(side, price);
        ref var node = ref _orders[slot];
        node.Id = orderId;
        node.Price = price;
        node.Size = size;
        node.Level = level;
        node.Next = None;
        ref var l = ref _levels[level];
        node.Prev = l.Tail;
        if (l.Tail != None)
            _orders[l.Tail].Next = slot;
        else
            l.Head = slot;
        l.Tail = slot;
        l.Count++;
        l.TotalSize += size;
    }

    /// <summary>Takes an order out of its level's queue (removing the level when it empties); the slot stays mapped.</summary>
    private void Unlink(int slot)
    {
        ref var node = ref _orders[slot];
        var level = node.Level;
        ref var l = ref _levels[level];
        if (node.Prev != None)
            _orders[node.Prev].Next = node.Next;
        else
            l.Head = node.Next;
        if (node.Next != None)
            _orders[node.Next].Prev = node.Prev;
        else
            l.Tail = node.Prev;
        l.TotalSize -= node.Size;
        if (--l.Count == 0)
            RemoveLevel(level);
    }

    private void RemoveOrder(int slot)
    {
        Unlink(slot);
        _ids.Remove(_orders[slot].Id);
        _orders[slot].Next = _freeOrder;
        _freeOrder = slot;
        _orderCount--;
    }

    private int GetOrCreateLevel(MboSide side, long price)
    {
        var ladder = side == MboSide.Bid ? _bids : _asks;
        var key = KeyOf(side, price);
        var index = ladder.IndexOf(key);
        if (index >= 0)
            return ladder.LevelAt(index);

        var level = TakeFreeLevel();
        ref var l = ref _levels[level];
        l.Price = price;
        l.TotalSize = 0;
        l.Count = 0;
        l.Head = None;
        l.Tail = None;
        l.Side = side;
        ladder.InsertAt(~index, key, level);
        return level;
    }

    private void RemoveLevel(int level)
    {
        ref var l = ref _levels[level];
        var ladder = l.Side == MboSide.Bid ? _bids : _asks;
        var index = ladder.IndexOf(KeyOf(l.Side, l.Price));
        ladder.RemoveAt(index);
        l.Head = _freeLevel;
        _freeLevel = level;
    }

    private void ClearSide(MboSide side)
    {
        var ladder = Ladder(side);
        for (var i = 0; i < ladder.Count; i++)
        {
            var level = ladder.LevelAt(i);
            var o = _levels[level].Head;
            while (o != None)
            {
                var next = _orders[o].Next;
                _ids.Remove(_orders[o].Id);
                _orders[o].Next = _freeOrder;
                _freeOrder = o;
                _orderCount--;
                o = next;
            }
            _levels[level].Head = _freeLevel;
            _freeLevel = level;
        }
        ladder.Clear();
    }

    private void ClearAll()
    {
        _ids.Clear();
        _orderTop = 0;
        _freeOrder = None;
        _orderCount = 0;
        _levelTop = 0;
        _freeLevel = None;
        _bids.Clear();
        _asks.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PeekFreeOrder()
    {
        if (_freeOrder != None)
            return _freeOrder;
        if (_orderTop == _orders.Length)
            Array.Resize(ref _orders, _orders.Length * 2);
        return _orderTop;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TakeFreeOrder()
    {
        var slot = _freeOrder;
        if (slot != None)
        {
            _freeOrder = _orders[slot].Next;
            return slot;
        }
        if (_orderTop == _orders.Length)
            Array.Resize(ref _orders, _orders.Length * 2);
        return _orderTop++;
    }

    private int TakeFreeLevel()
    {
        var level = _freeLevel;
        if (level != None)
        {
            _freeLevel = _levels[level].Head;
            return level;
        }
        if (_levelTop == _levels.Length)
            Array.Resize(ref _levels, _levels.Length * 2);
        return _levelTop++;
    }
}
