using System.Globalization;
using FlowEngine.Book;
using FlowEngine.Market.Events;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Prints the final state of each book for <c>flowengine book</c>: levels per side, best bid and ask, the
/// top N levels with size and order count, the last ts_recv and sequence, and the anomaly counts. Prices
/// are exact decimals, never floating point.
/// </summary>
internal static class BookReport
{
    public static void Write(TextWriter output, OrderBook book, int depth)
    {
        var s = book.Summary();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"instrument {s.InstrumentId}"));
        output.WriteLine(string.Create(inv, $"  levels         bid {s.BidLevels}  ask {s.AskLevels}"));
        output.WriteLine(string.Create(inv, $"  orders         bid {s.BidOrders}  ask {s.AskOrders}"));
        output.WriteLine("  best bid       " + Best(s.Top.HasBid, s.Top.BidPrice, s.Top.BidSize, s.Top.BidCount));
        output.WriteLine("  best ask       " + Best(s.Top.HasAsk, s.Top.AskPrice, s.Top.AskSize, s.Top.AskCount));
        output.WriteLine(string.Create(inv, $"  last ts_recv   {s.LastTsRecv} ({Timestamp(s.LastTsRecv)})"));
        output.WriteLine(string.Create(inv, $"  last sequence  {s.LastSequence}"));
        output.WriteLine(string.Create(inv, $"  records        {s.EventsApplied}"));
        output.WriteLine("  consistent     " + (s.IsConsistent ? "yes (the last record carried F_LAST)" : "NO (the last record did not carry F_LAST: the book is mid-event)"));
        if (depth > 0)
            WriteDepth(output, book, depth);
        output.WriteLine("  anomalies      " + s.Anomalies);
    }

    private static void WriteDepth(TextWriter output, OrderBook book, int depth)
    {
        var bids = new BookLevel[Math.Min(depth, book.LevelCount(MboSide.Bid))];
        var asks = new BookLevel[Math.Min(depth, book.LevelCount(MboSide.Ask))];
        book.CopyDepth(MboSide.Bid, bids);
        book.CopyDepth(MboSide.Ask, asks);
        var rows = Math.Max(bids.Length, asks.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  depth          top {depth}"));
        output.WriteLine($"    {"#",4}  {"bid orders",10}  {"bid size",10}  {"bid price",14}  |  {"ask price",-14}  {"ask size",10}  {"ask orders",10}");
        for (var i = 0; i < rows; i++)
        {
            var bid = i < bids.Length
                ? string.Create(CultureInfo.InvariantCulture, $"{bids[i].OrderCount,10}  {bids[i].Size,10}  {PriceFormat.ToDecimal(bids[i].Price),14}")
                : new string(' ', 38);
            var ask = i < asks.Length
                ? string.Create(CultureInfo.InvariantCulture, $"{PriceFormat.ToDecimal(asks[i].Price),-14}  {asks[i].Size,10}  {asks[i].OrderCount,10}")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {i + 1,4}  {bid}  |  {ask}").TrimEnd());
        }
        if (rows == 0)
            output.WriteLine("    (both sides empty)");
    }

    private static string Best(bool present, long price, long size, int count) =>
        present
            ? string.Create(CultureInfo.InvariantCulture, $"{PriceFormat.ToDecimal(price)}  size {size}  orders {count}")
            : "none (side empty)";

    /// <summary>Nanoseconds since the epoch as UTC ISO 8601 with all nine digits.</summary>
    public static string Timestamp(long nanos)
    {
        if (nanos <= 0)
            return "none";
        var seconds = nanos / 1_000_000_000;
        var fraction = nanos % 1_000_000_000;
        var time = DateTime.UnixEpoch.AddSeconds(seconds);
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
