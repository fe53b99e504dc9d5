using System.Globalization;
using FlowEngine.Market.Events;

namespace FlowEngine.Book;

/// <summary>
/// Renders 1e-9 integer prices as decimals for people ("4810.25") without going through floating point,
/// so what is printed is exactly what the book holds.
/// </summary>
public static class PriceFormat
{
    private const long Scale = 1_000_000_000;

    /// <summary>
    /// The price with at least <paramref name="minDecimals"/> decimals and no trailing zeros beyond them;
    /// "UNDEF" for <see cref="MboEvent.UndefinedPrice"/>.
    /// </summary>
    public static string ToDecimal(long price, int minDecimals = 2)
    {
        if (price == MboEvent.UndefinedPrice)
            return "UNDEF";
        ArgumentOutOfRangeException.ThrowIfNegative(minDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minDecimals, 9);
        var negative = price < 0;
        // Work with the magnitude as ulong so long.MinValue does not overflow.
        var magnitude = negative ? (ulong)(-(price + 1)) + 1 : (ulong)price;
        var whole = magnitude / Scale;
        var fraction = (magnitude % Scale).ToString("D9", CultureInfo.InvariantCulture);
        var keep = 9;
        while (keep > minDecimals && fraction[keep - 1] == '0')
            keep--;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (keep > 0)
            text += "." + fraction[..keep];
        return negative ? "-" + text : text;
    }
}
