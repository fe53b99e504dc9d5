using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// One live order as seen from outside the book, with its place in the FIFO queue of its level, which is
/// what a queue-position fill model needs.
/// </summary>
/// <param name="OrderId">Venue order id.</param>
/// <param name="Side">Bid or ask.</param>
/// <param name="Price">Price in 1e-9 units.</param>
/// <param name="Size">Remaining size.</param>
/// <param name="QueuePosition">0 for the order at the front of its level, 1 for the next, and so on.</param>
/// <param name="SizeAhead">Total size of the orders ahead of it at the same level.</param>
public readonly record struct BookOrder(ulong OrderId, MboSide Side, long Price, uint Size, int QueuePosition, long SizeAhead);
