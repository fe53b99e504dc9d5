namespace FlowEngine.Book;

/// <summary>
/// The ways real feeds disagree with a clean book. Each is counted and the book carries on, because a
/// replay that stops at the first oddity loses the rest of the day (DESIGN.md principle 5).
/// </summary>
public enum AnomalyKind
{
    /// <summary>A cancel (C) for an order id that is not live. The record is ignored.</summary>
    CancelUnknownOrder = 0,

    /// <summary>A modify (M) for an order id that is not live. It is applied as an add, as Databento's reference books do.</summary>
    ModifyUnknownOrder = 1,

    /// <summary>
    /// An add (A) for an order id that is already live. The new record replaces the old order (it goes to the
    /// back of its level), so a snapshot repeated on top of a live book does not double it.
    /// </summary>
    DuplicateAdd = 2,

    /// <summary>
    /// At an F_LAST record the best bid was at or above the best ask. Normal while a venue is in pre-open
    /// (orders rest without matching): the ES test day is crossed at 891 F_LAST records, all between
    /// 22:39 and 23:00 UTC, the 17:00 CT open. Outside such phases it points at a broken book.
    /// </summary>
    CrossedBook = 3,

    /// <summary>A record carried F_MAYBE_BAD_BOOK: the venue says the book may be wrong from here.</summary>
    MaybeBadBook = 4,

    /// <summary>
    /// A cancel removed more than the order's remaining size. The order is removed entirely (it cannot go
    /// below zero), and the excess is not carried anywhere.
    /// </summary>
    CancelExceedsSize = 5,

    /// <summary>A modify moved an order to the other side. It is applied as a move that loses priority.</summary>
    SideChanged = 6,

    /// <summary>
    /// An add or modify without a usable side (neither bid nor ask) or with the undefined price. The record
    /// is ignored: there is no level it could rest at.
    /// </summary>
    InvalidOrder = 7,

    /// <summary>An MBO record whose action byte is none of A, C, M, R, T, F, N. The record is ignored.</summary>
    UnknownAction = 8,
}
