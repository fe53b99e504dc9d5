using System.Globalization;
using FlowEngine.Book;
using FlowEngine.Engine.Dashboard;
using FlowEngine.Engine.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowEngine.Cli.Dashboard;

/// <summary>
/// Draws one <see cref="DashboardFrame"/> as a Spectre.Console renderable: a heartbeat line, throughput and
/// ring, per-handler lag and latency, best bid/ask, outputs and anomalies by kind, and the latest outputs.
/// A pure function of the frame, so what the dashboard shows can be tested from made-up figures.
/// </summary>
internal static class DashboardView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Narrowest width at which throughput and latency fit side by side; narrower terminals stack them.</summary>
    public const int SideBySideWidth = 140;

    /// <summary>Lines the view takes besides the quote rows, for a run with <paramref name="handlers"/> handlers drawn <paramref name="width"/> wide.</summary>
    public static int FixedLines(int handlers, int width, int latestShown)
    {
        const int panel = 2; // top and bottom border
        var throughput = 7 + panel;
        var latency = handlers + 1 + panel;
        var top = width >= SideBySideWidth ? Math.Max(throughput, latency) : throughput + latency;
        var bottom = Math.Max(6, latestShown + 1) + panel;
        return 1 + top + (1 + panel) + bottom;
    }

    /// <summary>The whole dashboard for <paramref name="frame"/>, laid out for a terminal <paramref name="width"/> columns wide.</summary>
    public static IRenderable Render(DashboardFrame frame, int width = SideBySideWidth)
    {
        ArgumentNullException.ThrowIfNull(frame);
        IRenderable top = width >= SideBySideWidth
            ? SideBySide(Throughput(frame), Handlers(frame))
            : new Rows(Throughput(frame), Handlers(frame));
        return new Rows(Header(frame), top, Quotes(frame), SideBySide(Kinds(frame), Latest(frame))) { Expand = true };
    }

    /// <summary>Two panels sharing the full width (a borderless table spreads spare width; a grid would not).</summary>
    private static Table SideBySide(IRenderable left, IRenderable right)
    {
        var table = new Table().NoBorder().HideHeaders().Expand();
        table.AddColumn(new TableColumn("").NoWrap().PadLeft(0).PadRight(1));
        table.AddColumn(new TableColumn("").PadLeft(0).PadRight(0));
        table.AddRow(left, right);
        return table;
    }

    private static Markup Header(DashboardFrame f)
    {
        var s = f.Status;
        var state = f.StopReason is { } reason && s.State != "stopped"
            ? $"[yellow]stopping ({Esc(reason)}): draining the ring, closing the journal, writing the report (Ctrl-C again forces an exit)[/]"
            : s.State switch
            {
                "running" => "[green]running[/]",
                "stopped" => f.StopReason is { } r ? $"[yellow]stopped ({Esc(r)})[/]" : "[blue]stopped[/]",
                _ => $"[yellow]{Esc(s.State)}[/]",
            };
        // The heartbeat: the dot flips and the clock moves on every refresh, so a frozen screen is obvious.
        var beat = f.Beat % 2 == 0 ? "[red]○[/]" : "[red]●[/]";
        var endpoint = f.StatusEndpoint is { } ep ? $"  status {Esc(ep)}" : "";
        // Heartbeat first, so a narrow terminal that wraps the line still shows it at once.
        return new Markup(
            $"{beat} {f.Clock.ToLocalTime().ToString("HH:mm:ss", Inv)}  up {Uptime(s.UptimeSeconds)}  [bold]FlowEngine[/] run [bold]{Esc(s.RunId)}[/]  {state}" +
            $"  source {Esc(s.Source)}  profile {Esc(s.Profile)}{endpoint}");
    }

    private static Panel Throughput(DashboardFrame f)
    {
        var s = f.Status;
        var m = f.Metrics;
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn().NoWrap());
        Row(grid, "events in", Count(s.EventsIn));
        Row(grid, "events/s", $"{Rate(f.EventsPerSecond)} now, {Rate(s.EventsPerSecondAverage)} average");
        Row(grid, "timer ticks", Count(s.TimerTicks));
        var percent = s.RingSize > 0 ? 100.0 * s.RingOccupancy / s.RingSize : 0;
        Row(grid, "ring", $"{Count(s.RingOccupancy)} / {Count(s.RingSize)} ({percent.ToString("0.0", Inv)} %), max {Count(m.Ring.OccupancyMax)}");
        Row(grid, "handler lag", s.Handlers.Count == 0 ? "-" : string.Join("  ", s.Handlers.Select(h => $"{h.Name} {Count(h.Lag)}")));
        Row(grid, "journal", s.WrittenSequence < 0 ? "nothing written yet" : $"written {Count(s.WrittenSequence)}, durable {(s.DurableSequence < 0 ? "-" : Count(s.DurableSequence))}");
        var perEvent = m.AllocatedBytesPerEvent is { } b ? $"{b.ToString("0.###", Inv)} B/event after warm-up" : "warming up";
        Row(grid, "allocated", $"{perEvent}, gc {m.Gc.Gen0Collections}/{m.Gc.Gen1Collections}/{m.Gc.Gen2Collections}");
        return new Panel(grid).Header("throughput").RoundedBorder().Expand();
    }

    private static Panel Handlers(DashboardFrame f)
    {
        var m = f.Metrics;
        var table = new Table().Border(TableBorder.None);
        table.AddColumn(Column("handler"));
        foreach (var head in (string[])["events", "lag", "lag max", "p50", "p99", "p99.9", "max"])
            table.AddColumn(Column(head).RightAligned());
        foreach (var h in m.Handlers)
        {
            var l = h.LatencyNs;
            table.AddRow(Plain(h.Name), Plain(Count(h.Events)), Plain(Count(h.LagLast)), Plain(Count(h.LagMax)),
                Plain(Nanos(l.P50)), Plain(Nanos(l.P99)), Plain(Nanos(l.P999)), Plain(Nanos(l.Max)));
        }
        var scope = m.WarmedUp ? "after warm-up" : "warming up: whole run so far";
        return new Panel(table).Header($"latency publish → handled ({scope}, 1 in {StageProbe.SampleEvery} sampled)").RoundedBorder().Expand();
    }

    private static Panel Quotes(DashboardFrame f)
    {
        var table = new Table().Border(TableBorder.None);
        table.AddColumn(Column("id").RightAligned());
        table.AddColumn(Column("symbol"));
        table.AddColumn(Column("bid size").RightAligned());
        table.AddColumn(Column("bid").RightAligned());
        table.AddColumn(Column("ask").RightAligned());
        table.AddColumn(Column("ask size").RightAligned());
        table.AddColumn(Column("orders").RightAligned());
        table.AddColumn(Column("changes").RightAligned());
        foreach (var q in f.Quotes)
        {
            var t = q.Top;
            table.AddRow(
                Plain(q.InstrumentId.ToString(Inv)),
                Plain(q.Symbol ?? ""),
                Plain(t.HasBid ? Count(t.BidSize) : "-"),
                new Markup(t.HasBid ? $"[green]{Price(t.BidPrice)}[/]" : "-"),
                new Markup(t.HasAsk ? $"[red]{Price(t.AskPrice)}[/]" : "-"),
                Plain(t.HasAsk ? Count(t.AskSize) : "-"),
                Plain($"{t.BidCount} / {t.AskCount}"),
                Plain(Count(q.Changes)));
        }
        string title;
        if (f.Instruments == 0)
            title = "best bid / ask: no top of book yet";
        else if (f.Quotes.Count < f.Instruments)
            title = $"best bid / ask: busiest {f.Quotes.Count} of {Count(f.Instruments)} instruments (by top-of-book changes), by id";
        else
            title = $"best bid / ask: {Count(f.Instruments)} instrument(s), by id";
        if (f.UntrackedChanges > 0)
            title += $"; {Count(f.UntrackedChanges)} changes of instruments beyond the board's capacity not shown";
        return new Panel(table).Header(title).RoundedBorder().Expand();
    }

    private static Panel Kinds(DashboardFrame f)
    {
        var m = f.Metrics;
        var table = new Table().Border(TableBorder.None);
        table.AddColumn(Column("kind"));
        table.AddColumn(Column("count").RightAligned());
        table.AddRow(new Markup("[bold]outputs[/]"), new Markup($"[bold]{Count(m.OutputsTotal)}[/]"));
        foreach (var (kind, count) in m.Outputs)
            table.AddRow(Plain("  " + kind), Plain(Count(count)));
        var anomalies = m.AnomaliesTotal == 0 ? "[green]0[/]" : $"[yellow]{Count(m.AnomaliesTotal)}[/]";
        table.AddRow(new Markup("[bold]anomalies[/]"), new Markup($"[bold]{anomalies}[/]"));
        foreach (var (kind, count) in m.Anomalies)
        {
            if (count > 0)
                table.AddRow(Plain("  " + kind), Plain(Count(count)));
        }
        return new Panel(table).Header("outputs / anomalies").RoundedBorder().Expand();
    }

    private static Panel Latest(DashboardFrame f)
    {
        var table = new Table().Border(TableBorder.None);
        table.AddColumn(Column("input seq").RightAligned());
        table.AddColumn(Column("kind"));
        table.AddColumn(Column("output"));
        foreach (var line in f.LatestOutputs)
            table.AddRow(Plain(Count(line.InputSequence)), Plain(line.Kind), Plain(line.Text));
        var title = $"latest outputs: {Count(f.OutputsSeen)} seen";
        if (f.OutputsDropped > 0)
            title += $", {Count(f.OutputsDropped)} dropped";
        return new Panel(table).Header(title).RoundedBorder().Expand();
    }

    private static TableColumn Column(string header) => new TableColumn($"[bold grey]{Esc(header)}[/]").PadLeft(0).PadRight(2);

    private static void Row(Grid grid, string label, string value) => grid.AddRow(new Markup($"[grey]{Esc(label)}[/]"), Plain(value));

    private static Text Plain(string text) => new(text);

    private static string Esc(string text) => Markup.Escape(text);

    internal static string Count(long value) => value.ToString("N0", Inv);

    internal static string Price(long price) => PriceFormat.ToDecimal(price);

    /// <summary>A rate with a unit that keeps three significant digits: <c>1.23 M/s</c>, <c>456 k/s</c>, <c>12/s</c>.</summary>
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
