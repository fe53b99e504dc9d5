using System.Globalization;
using FlowEngine.Book;
using FlowEngine.Engine.Dashboard;
using FlowEngine.Engine.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowEngine.Cli.Dashboard;

/// <summary>
/// Draws one <see cref="DashboardFrame"/> for Spectre.Console: a heartbeat line, throughput and ring,
/// per-handler lag and latency, best bid/ask, outputs and anomalies by kind, and the latest outputs.
/// A pure function of the frame and the width, so what the dashboard shows can be tested from made-up figures.
/// </summary>
internal static class DashboardView
{
    /// <summary>Narrowest width at which throughput and latency fit side by side; narrower terminals stack them.</summary>
    public const int SideBySideWidth = 140;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Style Label = new(Color.Grey);
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style Green = new(Color.Green);
    private static readonly Style Red = new(Color.Red);
    private static readonly Style Yellow = new(Color.Yellow);
    private static readonly Style Blue = new(Color.Blue);

    /// <summary>Lines the view takes besides the quote rows, for a run with <paramref name="handlers"/> handlers drawn <paramref name="width"/> wide.</summary>
    public static int FixedLines(int handlers, int width, int latestShown)
    {
        const int box = 2; // top and bottom edge
        var throughput = 7 + box;
        var latency = handlers + 1 + box;
        var top = width >= SideBySideWidth ? Math.Max(throughput, latency) : throughput + latency;
        var bottom = Math.Max(6, latestShown + 1) + box;
        return 1 + top + (1 + box) + bottom;
    }

    /// <summary>The whole dashboard for <paramref name="frame"/>, laid out <paramref name="width"/> columns wide.</summary>
    public static IRenderable Render(DashboardFrame frame, int width = 160)
    {
        ArgumentNullException.ThrowIfNull(frame);
        width = Math.Max(width, 40);
        var lines = new List<CanvasLine> { Header(frame) };

        var throughput = Throughput(frame);
        var latency = Latency(frame);
        if (width >= SideBySideWidth)
        {
            var left = Math.Min(Natural(throughput) + 4, width / 2);
            lines.AddRange(Canvas.SideBySide(Canvas.Box("throughput", throughput, left), left, Canvas.Box(LatencyTitle(frame), latency, width - left - 1)));
        }
        else
        {
            lines.AddRange(Canvas.Box("throughput", throughput, width));
            lines.AddRange(Canvas.Box(LatencyTitle(frame), latency, width));
        }

        lines.AddRange(Canvas.Box(QuotesTitle(frame), Quotes(frame), width));

        var kinds = Kinds(frame);
        var kindsWidth = Math.Min(Natural(kinds) + 4, width / 2);
        lines.AddRange(Canvas.SideBySide(Canvas.Box("outputs / anomalies", kinds, kindsWidth), kindsWidth,
            Canvas.Box(LatestTitle(frame), Latest(frame), width - kindsWidth - 1)));
        return new Canvas(lines);
    }

    private static int Natural(List<CanvasLine> lines)
    {
        var width = 0;
        foreach (var line in lines)
            width = Math.Max(width, line.Width);
        return width;
    }

    private static CanvasLine Header(DashboardFrame f)
    {
        var s = f.Status;
        // Heartbeat first, so it stays in view however narrow the terminal: the dot flips and the clock moves
        // on every refresh, so a frozen screen is obvious.
        var line = new CanvasLine()
            .Add(f.Beat % 2 == 0 ? "○" : "●", Red)
            .Add(" " + f.Clock.ToLocalTime().ToString("HH:mm:ss", Inv))
            .Add("  up " + Uptime(s.UptimeSeconds) + "  ")
            .Add("FlowEngine", Bold).Add(" run ").Add(s.RunId, Bold).Add("  ");
        if (f.StopReason is { } reason && s.State != "stopped")
            line.Add($"stopping ({reason}): draining the ring, closing the journal, writing the report (Ctrl-C again forces an exit)", Yellow);
        else if (s.State == "stopped")
            line.Add(f.StopReason is { } r ? $"stopped ({r})" : "stopped", f.StopReason is null ? Blue : Yellow);
        else
            line.Add(s.State, s.State == "running" ? Green : Yellow);
        line.Add($"  source {s.Source}  profile {s.Profile}");
        if (f.StatusEndpoint is { } ep)
            line.Add("  status " + ep);
        return line;
    }

    private static List<CanvasLine> Throughput(DashboardFrame f)
    {
        var s = f.Status;
        var m = f.Metrics;
        var percent = s.RingSize > 0 ? 100.0 * s.RingOccupancy / s.RingSize : 0;
        var perEvent = m.AllocatedBytesPerEvent is { } b ? $"{b.ToString("0.###", Inv)} B/event after warm-up" : "warming up";
        return
        [
            Row("events in", Count(s.EventsIn)),
            Row("events/s", $"{Rate(f.EventsPerSecond)} now, {Rate(s.EventsPerSecondAverage)} average"),
            Row("timer ticks", Count(s.TimerTicks)),
            Row("ring", $"{Count(s.RingOccupancy)} / {Count(s.RingSize)} ({percent.ToString("0.0", Inv)} %), max {Count(m.Ring.OccupancyMax)}"),
            Row("handler lag", s.Handlers.Count == 0 ? "-" : string.Join("  ", s.Handlers.Select(h => $"{h.Name} {Count(h.Lag)}"))),
            Row("journal", s.WrittenSequence < 0 ? "nothing written yet" : $"written {Count(s.WrittenSequence)}, durable {(s.DurableSequence < 0 ? "-" : Count(s.DurableSequence))}"),
            Row("allocated", $"{perEvent}, gc {m.Gc.Gen0Collections}/{m.Gc.Gen1Collections}/{m.Gc.Gen2Collections}"),
        ];
    }

    private static CanvasLine Row(string label, string value) => new CanvasLine().Add(label.PadRight(13), Label).Add(value);

    private static string LatencyTitle(DashboardFrame f) =>
        $"latency publish → handled ({(f.Metrics.WarmedUp ? "after warm-up" : "warming up: whole run so far")}, 1 in {StageProbe.SampleEvery} sampled)";

    private static List<CanvasLine> Latency(DashboardFrame f)
    {
        var table = new TextTable().Column("handler");
        foreach (var head in (string[])["events", "lag", "lag max", "p50", "p99", "p99.9", "max"])
            table.Column(head, right: true);
        foreach (var h in f.Metrics.Handlers)
        {
            var l = h.LatencyNs;
            table.Row(h.Name, Count(h.Events), Count(h.LagLast), Count(h.LagMax), Nanos(l.P50), Nanos(l.P99), Nanos(l.P999), Nanos(l.Max));
        }
        return table.Lines();
    }

    private static string QuotesTitle(DashboardFrame f)
    {
        var title = f.Instruments == 0 ? "best bid / ask: no top of book yet"
            : f.Quotes.Count < f.Instruments ? $"best bid / ask: busiest {f.Quotes.Count} of {Count(f.Instruments)} instruments (by top-of-book changes), by id"
            : $"best bid / ask: {Count(f.Instruments)} instrument(s), by id";
        return f.UntrackedChanges > 0 ? title + $"; {Count(f.UntrackedChanges)} changes of instruments beyond the board's capacity not shown" : title;
    }

    private static List<CanvasLine> Quotes(DashboardFrame f)
    {
        var table = new TextTable()
            .Column("id", right: true).Column("symbol")
            .Column("bid size", right: true).Column("bid", right: true).Column("ask", right: true).Column("ask size", right: true)
            .Column("orders", right: true).Column("changes", right: true);
        foreach (var q in f.Quotes)
        {
            var t = q.Top;
            table.Row(
                new CanvasSpan(q.InstrumentId.ToString(Inv), Style.Plain),
                new CanvasSpan(q.Symbol ?? "", Style.Plain),
                new CanvasSpan(t.HasBid ? Count(t.BidSize) : "-", Style.Plain),
                new CanvasSpan(t.HasBid ? Price(t.BidPrice) : "-", Green),
                new CanvasSpan(t.HasAsk ? Price(t.AskPrice) : "-", Red),
                new CanvasSpan(t.HasAsk ? Count(t.AskSize) : "-", Style.Plain),
                new CanvasSpan($"{t.BidCount} / {t.AskCount}", Style.Plain),
                new CanvasSpan(Count(q.Changes), Style.Plain));
        }
        return table.Lines();
    }

    private static List<CanvasLine> Kinds(DashboardFrame f)
    {
        var m = f.Metrics;
        var table = new TextTable().Column("kind").Column("count", right: true);
        table.Row(new CanvasSpan("outputs", Bold), new CanvasSpan(Count(m.OutputsTotal), Bold));
        foreach (var (kind, count) in m.Outputs)
            table.Row("  " + kind, Count(count));
        table.Row(new CanvasSpan("anomalies", Bold), new CanvasSpan(Count(m.AnomaliesTotal), m.AnomaliesTotal == 0 ? Green : Yellow));
        foreach (var (kind, count) in m.Anomalies)
        {
            if (count > 0)
                table.Row("  " + kind, Count(count));
        }
        return table.Lines();
    }

    private static string LatestTitle(DashboardFrame f) =>
        $"latest outputs: {Count(f.OutputsSeen)} seen" + (f.OutputsDropped > 0 ? $", {Count(f.OutputsDropped)} dropped" : "");

    private static List<CanvasLine> Latest(DashboardFrame f)
    {
        var table = new TextTable().Column("input seq", right: true).Column("kind").Column("output");
        foreach (var line in f.LatestOutputs)
            table.Row(Count(line.InputSequence), line.Kind, line.Text);
        return table.Lines();
    }

    internal static string Count(long value) => value.ToString("N0", Inv);

    internal static string Price(long price) => PriceFormat.ToDecimal(price);

    /// <summary>A rate with a unit that keeps three significant digits: <c>1.23 M/s</c>, <c>456.7 k/s</c>, <c>12/s</c>.</summary>
    internal static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", Inv) + " M/s",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", Inv) + " k/s",
        _ => perSecond.ToString("0", Inv) + "/s",
    };

    /// <summary>Nanoseconds in the unit a person reads at a glance: <c>850 ns</c>, <c>12.3 µs</c>, <c>4.56 ms</c>, <c>1.23 s</c>.</summary>
    internal static string Nanos(long ns) => ns switch
    {
        < 1_000 => ns.ToString(Inv) + " ns",
        < 1_000_000 => (ns / 1e3).ToString(ns < 10_000 ? "0.00" : ns < 100_000 ? "0.0" : "0", Inv) + " µs",
        < 1_000_000_000 => (ns / 1e6).ToString(ns < 10_000_000 ? "0.00" : ns < 100_000_000 ? "0.0" : "0", Inv) + " ms",
        _ => (ns / 1e9).ToString("0.00", Inv) + " s",
    };

    private static string Uptime(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return string.Create(Inv, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}");
    }
}
