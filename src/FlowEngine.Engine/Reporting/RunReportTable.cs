using System.Globalization;

namespace FlowEngine.Engine.Reporting;

/// <summary>The run report as a plain-text table for the console.</summary>
public static class RunReportTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the table to <paramref name="output"/>.</summary>
    public static void Write(RunReport r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"FlowEngine run {r.RunId}  ({r.State}, profile {r.Profile}, source {r.Source})");
        Row(output, "elapsed", $"{r.ElapsedSeconds.ToString("0.000", Inv)} s");
        Row(output, "events in", $"{Count(r.EventsIn)}  ({Rate(r.EventsPerSecond)} overall, {(r.WarmedUp ? Rate(r.SteadyEventsPerSecond) : "n/a")} after warm-up)");
        Row(output, "timer ticks", Count(r.TimerTicks));
        var perEvent = r.AllocatedBytesPerEvent is { } b ? b.ToString("0.###", Inv) + " B/event" : $"not measured (fewer than {Count(r.WarmupEvents)} warm-up events)";
        Row(output, "allocated", $"{Bytes(r.AllocatedBytes)} after warm-up, {perEvent} ({r.AllocationScope.Replace('_', ' ')})");
        Row(output, "gc", $"gen0 {r.Gc.Gen0Collections}  gen1 {r.Gc.Gen1Collections}  gen2 {r.Gc.Gen2Collections}  process allocated {Bytes(r.Gc.ProcessAllocatedBytes)}");
        Row(output, "ring", $"{Count(r.Ring.Size)} slots, occupancy max {Count(r.Ring.OccupancyMax)}, mean {r.Ring.OccupancyMean.ToString("0.#", Inv)}");
        Row(output, "anomalies", Counts(r.AnomaliesTotal, r.Anomalies));
        Row(output, "outputs", Counts(r.OutputsTotal, r.Outputs));
        if (r.Flow is { } flow)
        {
            Row(output, "ifd", flow.Baseline.Describe());
            Row(output, "", "signals " + Counts(flow.Signals, flow.SignalsByGrade));
            if (flow.BaselineUpdate is { } update)
                Row(output, "", update.Describe());
        }
        WriteBooks(r, output);
        if (r.Handlers.Count == 0)
            return;

        output.WriteLine();
        var sample = Pipeline.StageProbe.SampleEvery;
        output.WriteLine(r.WarmedUp
            ? $"  latency publish → handled, 1 event in {sample} sampled, after warm-up:"
            : $"  latency publish → handled, 1 event in {sample} sampled, whole run (it never warmed up):");
        var nameWidth = Math.Max(7, r.Handlers.Max(h => h.Name.Length));
        string[] heads = ["events", "lag max", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "max ns"];
        output.Write("  " + "handler".PadRight(nameWidth));
        foreach (var h in heads)
            output.Write(h.PadLeft(13));
        output.WriteLine();
        foreach (var h in r.Handlers)
        {
            var l = h.LatencyNs;
            output.Write("  " + h.Name.PadRight(nameWidth));
            foreach (var v in (long[])[h.Events, h.LagMax, l.P50, l.P90, l.P99, l.P999, l.Max])
                output.Write(Count(v).PadLeft(13));
            output.WriteLine();
        }
    }

    /// <summary>Books shown in the table; report.json has all of them.</summary>
    public const int MaxBooksShown = 5;

    private static void WriteBooks(RunReport r, TextWriter output)
    {
        if (r.Books.Count == 0)
            return;
        // The busiest books first: with an options chain the future is what people look at.
        var shown = r.Books.OrderByDescending(b => b.Events).ThenBy(b => b.InstrumentId).Take(MaxBooksShown).ToList();
        var more = r.Books.Count > shown.Count ? $" (busiest {shown.Count} of {r.Books.Count}; all in report.json)" : "";
        Row(output, "books", $"{r.Books.Count} instrument(s){more}");
        foreach (var b in shown)
        {
            var name = b.Symbol is { Length: > 0 } s ? $"{b.InstrumentId} {s}" : b.InstrumentId.ToString(Inv);
            Row(output, "", $"{name}: {Count(b.BidLevels)} bid / {Count(b.AskLevels)} ask levels, best {b.BestBid ?? "-"} / {b.BestAsk ?? "-"}, {Count(b.Events)} events");
        }
    }

    /// <summary>The table as a string.</summary>
    public static string Format(RunReport r)
    {
        using var sw = new StringWriter(Inv);
        Write(r, sw);
        return sw.ToString();
    }

    private static void Row(TextWriter o, string label, string value) => o.WriteLine("  " + label.PadRight(13) + value);

    private static string Count(long v) => v.ToString("N0", Inv);

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", Inv) + " M/s",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", Inv) + " k/s",
        _ => perSecond.ToString("0", Inv) + " /s",
    };

    private static string Bytes(long b) => b switch
    {
        >= 1L << 30 => (b / (double)(1L << 30)).ToString("0.0", Inv) + " GiB",
        >= 1L << 20 => (b / (double)(1L << 20)).ToString("0.0", Inv) + " MiB",
        >= 1L << 10 => (b / 1024.0).ToString("0.0", Inv) + " KiB",
        _ => b.ToString(Inv) + " B",
    };

    private static string Counts(long total, IReadOnlyDictionary<string, long> byKind)
    {
        if (byKind.Count == 0)
            return Count(total);
        var parts = new List<string>(byKind.Count);
        foreach (var (k, v) in byKind)
            parts.Add($"{k} {Count(v)}");
        return $"{Count(total)}  ({string.Join(", ", parts)})";
    }
}
