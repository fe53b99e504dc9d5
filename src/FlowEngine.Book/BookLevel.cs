namespace FlowEngine.Book;

/// <summary>
/// One price level as seen from outside the book: price, total resting size and order count. A copy, so
/// holding it never pins or exposes the book's pooled storage.
/// </summary>
/// <param name="Price">Price in 1e-9 units.</param>
/// <param name="Size">Sum of the sizes of the orders resting at this price.</param>
/// <param name="OrderCount">Number of orders resting at this price.</param>
public readonly record struct BookLevel(long Price, long Size, int OrderCount);
