using System.Globalization;
using System.Text;
using FlowEngine.Flow.Baselines;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// One line per signal for people: when, what, which way, the grade and action, then every factor with the
/// figures behind it, and the input position that completed it. Cold path (allocates a string).
/// </summary>
public static class SignalText
{
    /// <summary>Renders <paramref name="s"/>; symbols come from <paramref name="registry"/> when it knows the instrument.</summary>
    public static string Format(in Signal s, InstrumentRegistry? registry = null)
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder(256);
        b.Append(Timestamp(s.TsRecv)).Append(' ');
        var symbol = registry?.Find(s.InstrumentId)?.RawSymbol;
        if (symbol is not null)
            b.Append(symbol).Append(' ');
        b.Append('(').Append(s.InstrumentId.ToString(c)).Append(") ")
            .Append(SignalNames.Kind(s.Kind)).Append(' ').Append(SignalNames.Direction(s.Direction)).Append(' ')
            .Append(SignalNames.Grade(s.Grade)).Append(' ').Append(SignalNames.Action(s.Action))
            .Append(" confidence ").Append(s.Confidence.ToString("0.000", c));
        b.Append(" | ");
        switch (s.Kind)
        {
            case SignalKind.Sweep:
                b.Append(string.Create(c, $"{s.Levels} levels {s.Size} lots from {Price(s.Price)}"));
                if ((s.Flags & SignalFlags.ThroughBest) != 0)
                    b.Append(" through the prior best");
                break;
            case SignalKind.Iceberg:
                b.Append(string.Create(c, $"refill #{s.Levels} at {Price(s.Price)}, {s.Size} lots traded against it"));
                if ((s.Flags & SignalFlags.SameOrder) != 0)
                    b.Append(", same order");
                break;
            case SignalKind.Absorption:
                b.Append(string.Create(c, $"{s.Size} lots absorbed ({s.Absorption:P0} of the aggression into that side) over {Seconds(s.WindowNs)}"));
                break;
            default:
                b.Append(string.Create(c, $"net {s.BuyVolume - s.SellVolume:+#;-#;0} lots over {Seconds(s.WindowNs)}"));
                break;
        }
        b.Append(string.Create(c, $" | pressure {s.PressureSignificance:0.00} (buy {s.BuyVolume} sell {s.SellVolume}, bounded {s.Pressure:+0.00;-0.00;0.00}, z {s.ImbalanceZ:0.0}, ofi {s.OfiBest}/{s.OfiDepth})"));
        if (s.BaselineStatus == BaselineStatus.Ready)
            b.Append(string.Create(c, $" | baseline {s.BaselineDeviation:0.00} (value {s.BaselineValue:0.##} median {s.BaselineMedian:0.##} robust z {s.RobustZ:0.0} z {s.ZScore:0.0} pct {s.Percentile:0.0})"));
        else
            b.Append(string.Create(c, $" | baseline: warming up (value {s.BaselineValue:0.##})"));
        b.Append(string.Create(c, $" | mm {s.MarketMaking:0.00} | coordination {s.Coordination:0.00}"));
        if ((s.Flags & SignalFlags.MarketMakingCapped) != 0)
            b.Append(" | capped: market making");
        if ((s.Flags & SignalFlags.WarmingUpCapped) != 0)
            b.Append(" | capped: no baseline");
        b.Append(string.Create(c, $" | input #{s.InputIndex} seq {s.Sequence}"));
        return b.ToString();
    }

    /// <summary>ISO-8601 UTC with nanoseconds.</summary>
    public static string Timestamp(long ns)
    {
        var seconds = Math.DivRem(ns, 1_000_000_000, out var frac);
        if (frac < 0)
        {
            frac += 1_000_000_000;
            seconds--;
        }
        var t = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + frac.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    private static string Price(long price) =>
        price == MboEvent.UndefinedPrice ? "-" : (price / 1e9).ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
