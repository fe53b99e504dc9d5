namespace FlowEngine.Book;

/// <summary>
/// What applying one event did, as bits, so the hot path learns "the top moved at a consistent point"
/// with one test instead of comparing books itself.
/// </summary>
[Flags]
public enum ApplyResult : byte
{
    /// <summary>The event was not an MBO record for this book, or it changed nothing.</summary>
    None = 0,

    /// <summary>The event added, removed, moved or resized at least one order, or cleared the book.</summary>
    Changed = 1,

    /// <summary>The event carried F_LAST: the book is consistent now and may be read.</summary>
    Last = 2,

    /// <summary>
    /// Set with <see cref="Last"/> when the top of book differs from the one at the previous F_LAST.
    /// Intermediate states between two F_LAST records never count, so a consumer journaling top-of-book
    /// changes sees exactly the consistent ones.
    /// </summary>
    TopChanged = 4,
}
