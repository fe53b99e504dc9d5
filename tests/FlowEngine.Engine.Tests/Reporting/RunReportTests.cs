using System.Text.Json;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Tests.Reporting;

public sealed class RunReportTests
{
    private static readonly RunInfo Info = new()
    {
        RunId = "run-1",
        RunDirectory = "/tmp/run-1",
        Profile = "dev",
        ConfigHash = new string('a', 64),
        Source = "simulator seed 42",
    };

    private static EngineMetrics SampleRun(bool warm = true)
    {
        var m = new EngineMetrics(4096, warmupEvents: 100);
        var journal = m.AddHandler("journal");
        var book = m.AddHandler("book");
        var thread = m.AddThread("pipeline");
        var anomaly = m.Counters.Anomalies.Register("unknown_order");
        var signals = m.Counters.Outputs.Register("signal");
        m.MarkStarted();
        m.Counters.AddEventsIn(100);
        if (warm)
            m.MarkWarm();
        thread.Tick();
        for (var i = 0; i < 1000; i++)
        {
            m.Counters.IncrementEventsIn();
            journal.RecordEvent(i, 100 + i);
            book.RecordEvent(i, 200 + 2 * i);
        }
        journal.RecordBatchStart(17);
        m.RingOccupancy.Sample(12);
        m.RingOccupancy.Sample(40);
        m.Counters.Anomalies.Increment(anomaly);
        m.Counters.Outputs.Add(signals, 3);
        thread.Tick();
        m.MarkStopped();
        return m;
    }

    [Fact]
    public void Json_is_snake_case_with_the_required_top_level_fields()
    {
        var json = RunReportJson.ToJson(RunReportBuilder.Build(SampleRun(), Info));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(1100, root.GetProperty("events_in").GetInt64());
        Assert.True(root.GetProperty("events_per_second").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("allocated_bytes_per_event").ValueKind);
        Assert.Equal(1000, root.GetProperty("measured_events").GetInt64());
        Assert.Equal("hot_threads", root.GetProperty("allocation_scope").GetString());
        Assert.Equal("stopped", root.GetProperty("state").GetString());
        Assert.Equal(40, root.GetProperty("ring").GetProperty("occupancy_max").GetInt64());
        Assert.Equal(1, root.GetProperty("anomalies").GetProperty("unknown_order").GetInt64());
        Assert.Equal(3, root.GetProperty("outputs_total").GetInt64());
        Assert.True(root.GetProperty("gc").TryGetProperty("gen0_collections", out _));

        var handlers = root.GetProperty("handlers");
        Assert.Equal(2, handlers.GetArrayLength());
        var journal = handlers[0];
        Assert.Equal("journal", journal.GetProperty("name").GetString());
        Assert.Equal(17, journal.GetProperty("lag_max").GetInt64());
        var latency = journal.GetProperty("latency_ns");
        foreach (var key in new[] { "p50", "p90", "p99", "p99_9", "max" })
            Assert.True(latency.TryGetProperty(key, out _), key);
        Assert.Equal(1099, latency.GetProperty("max").GetInt64());
        Assert.InRange(latency.GetProperty("p50").GetInt64(), 599, 599 + 599 / 128);
    }

    [Fact]
    public void Run_that_never_warmed_has_no_per_event_allocation_figure()
    {
        var report = RunReportBuilder.Build(SampleRun(warm: false), Info);
        Assert.False(report.WarmedUp);
        Assert.Null(report.AllocatedBytesPerEvent);
        using var doc = JsonDocument.Parse(RunReportJson.ToJson(report));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("allocated_bytes_per_event").ValueKind);
        Assert.Contains("not measured", RunReportTable.Format(report));
    }

    [Fact]
    public void Without_hot_thread_meters_the_process_figure_is_used_and_says_so()
    {
        var m = new EngineMetrics(16, warmupEvents: 0);
        m.MarkStarted();
        m.MarkWarm();
        m.Counters.AddEventsIn(10);
        // The process counter is the imprecise one (it never suspends threads) and other tests allocate in
        // parallel, so only a large allocation gives a bound that cannot flake.
        GC.KeepAlive(new byte[64 << 20]);
        m.MarkStopped();
        var report = RunReportBuilder.Build(m, Info);
        Assert.Equal("process", report.AllocationScope);
        Assert.True(report.AllocatedBytes >= 32 << 20, $"allocated {report.AllocatedBytes}");
        Assert.Equal(report.Gc.ProcessAllocatedBytes, report.AllocatedBytes);
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = RunReportBuilder.Build(SampleRun(), Info);
        var back = RunReportJson.Parse(RunReportJson.ToJson(report));
        Assert.Equal(report.EventsIn, back.EventsIn);
        Assert.Equal(report.Handlers[1].LatencyNs, back.Handlers[1].LatencyNs);
        Assert.Equal(report.Outputs["signal"], back.Outputs["signal"]);
        Assert.Equal(report.StartedUtc, back.StartedUtc);
    }

    [Fact]
    public void Parse_of_garbage_names_the_problem()
    {
        var ex = Assert.Throws<InvalidDataException>(() => RunReportJson.Parse("{\"run_id\": 5"));
        Assert.StartsWith("run report:", ex.Message);
    }

    [Fact]
    public void Write_file_creates_the_folder_and_leaves_no_temp_file()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "sub", "report.json");
        RunReportJson.WriteFile(RunReportBuilder.Build(SampleRun(), Info), path);
        Assert.Equal("run-1", RunReportJson.Parse(File.ReadAllText(path)).RunId);
        Assert.Equal(["report.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Table_shows_the_headline_figures_and_one_row_per_handler()
    {
        var text = RunReportTable.Format(RunReportBuilder.Build(SampleRun(), Info));
        Assert.Contains("FlowEngine run run-1", text);
        Assert.Contains("events in    1,100", text);
        Assert.Contains("unknown_order 1", text);
        Assert.Contains("signal 3", text);
        var lines = text.Split('\n');
        Assert.Single(lines, l => l.TrimStart().StartsWith("journal", StringComparison.Ordinal) && l.Contains("1,000"));
        Assert.Single(lines, l => l.TrimStart().StartsWith("book", StringComparison.Ordinal));
        Assert.Contains("p99.9 ns", text);
    }
}
