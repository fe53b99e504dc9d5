using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// Best bid and best ask with their total size and order count: what the engine journals when the top
/// moves and what <c>--bbo-csv</c> writes. A value type so it can be compared and stored without allocating.
/// An empty side has price <see cref="MboEvent.UndefinedPrice"/>, size 0 and count 0.
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)] // 40 bytes, not 48: the counts pack together
public readonly record struct TopOfBook
{
    /// <summary>A book with nothing on either side.</summary>
    public static TopOfBook Empty { get; } = new(MboEvent.UndefinedPrice, 0, 0, MboEvent.UndefinedPrice, 0, 0);

    /// <summary>Creates a top of book from both sides' best level.</summary>
    public TopOfBook(long bidPrice, long bidSize, int bidCount, long askPrice, long askSize, int askCount)
    {
        BidPrice = bidPrice;
        BidSize = bidSize;
        BidCount = bidCount;
        AskPrice = askPrice;
        AskSize = askSize;
        AskCount = askCount;
    }

    /// <summary>Best bid price in 1e-9 units, or <see cref="MboEvent.UndefinedPrice"/> when there is no bid.</summary>
    public long BidPrice { get; }

    /// <summary>Total size resting at the best bid.</summary>
    public long BidSize { get; }

    /// <summary>Number of orders resting at the best bid.</summary>
    public int BidCount { get; }

    /// <summary>Best ask price in 1e-9 units, or <see cref="MboEvent.UndefinedPrice"/> when there is no ask.</summary>
    public long AskPrice { get; }

    /// <summary>Total size resting at the best ask.</summary>
    public long AskSize { get; }

    /// <summary>Number of orders resting at the best ask.</summary>
    public int AskCount { get; }

    /// <summary>True when at least one bid rests.</summary>
    public bool HasBid => BidCount > 0;

    /// <summary>True when at least one ask rests.</summary>
    public bool HasAsk => AskCount > 0;

    /// <summary>True when both sides rest and the best bid is at or above the best ask.</summary>
    public bool IsCrossed => HasBid && HasAsk && BidPrice >= AskPrice;
}
