using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Status;
using FlowEngine.Journal;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Tests.Runs;

/// <summary>A small simulator run end to end: what the report says must agree with what the journals hold.</summary>
public sealed class SimulatorRunTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Report_agrees_with_the_journals_and_the_run_directory_is_complete()
    {
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "150000"), ("source.simulator.seed", "7"));
        var result = TestRuns.Execute(config, "sim");

        Assert.True(result.Succeeded, result.FailureMessage);
        var report = result.Report;
        Assert.Equal(150_000, report.EventsIn);
        Assert.True(report.TimerTicks > 0, "the simulated session spans several seconds of event time, so it has timer ticks");

        var layout = result.Layout;
        var inputs = JournalVerifier.Verify(layout.InputsDirectory);
        var outputs = JournalVerifier.Verify(layout.OutputsDirectory);
        Assert.True(inputs.IsClean && inputs.Closed, string.Join("; ", inputs.Problems.Select(p => p.Message)));
        Assert.True(outputs.IsClean && outputs.Closed, string.Join("; ", outputs.Problems.Select(p => p.Message)));
        Assert.Equal(report.EventsIn + report.TimerTicks, inputs.Inputs);
        Assert.Equal(report.TimerTicks, inputs.InputsByKind.Single(k => k.Key == EventKind.TimerTick).Value);
        Assert.Equal(0, inputs.Outputs);
        Assert.True(report.OutputsTotal > 0);
        Assert.Equal(report.OutputsTotal, outputs.Outputs);
        Assert.Equal(report.Outputs["top-of-book"], outputs.OutputsByKind.Single(k => k.Key == JournalOutputKinds.TopOfBook).Value);
        Assert.Equal(inputs.Inputs - 1, inputs.LastSequence);
        // Each stream lives in its own sub-directory but its header names the run, not the stream.
        Assert.Equal("sim", inputs.Header!.RunId);
        Assert.Equal("sim", outputs.Header!.RunId);

        foreach (var handler in report.Handlers)
            Assert.Equal(inputs.Inputs, handler.Events);
        Assert.Equal(["journal", "book", "flow", "outputs"], report.Handlers.Select(h => h.Name));
        Assert.Equal(43, report.Books.Count);
        Assert.Equal("ESZ6", report.Books[0].Symbol);

        var manifest = RunManifest.Read(layout.ManifestFile);
        Assert.Equal("sim", manifest.RunId);
        Assert.Equal("simulator seed 7", manifest.Source);
        var reloaded = ConfigLoader.Load(new ConfigLoadOptions { FileContent = manifest.ConfigJson, Environment = new Dictionary<string, string>() });
        Assert.Equal(manifest.ConfigHash, ConfigHash.Compute(reloaded));
        Assert.Equal(ConfigHash.Compute(config), manifest.ConfigHash);

        using (var definitions = DbnFileReader.Open(layout.InstrumentsFile))
        {
            var evt = default(MboEvent);
            while (definitions.Read(ref evt))
            {
            }
            Assert.Equal(43, definitions.Definitions.Count);
        }
        Assert.StartsWith("id,group,kind,instrument_id", File.ReadLines(layout.LabelsFile).First());
        Assert.Equal(report.EventsIn, RunReportJson.Parse(File.ReadAllText(layout.ReportFile)).EventsIn);
        Assert.False(File.Exists(Path.Combine(layout.Directory, "status.token")));
    }

    [Fact]
    public void Hot_threads_allocate_nothing_per_event_after_warm_up()
    {
        // Long enough that the run is still going when both warm-up bars (200,000 events and 200 ms) are passed,
        // even when the pipeline runs at several million events per second.
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "1500000"), ("ring.size", "16384"));
        var (result, figures) = TestRuns.ExecuteUntilSteady(attempt => new EngineRunOptions
        {
            Config = config,
            RunId = $"alloc-{attempt}",
            WarmupEvents = 200_000,
            WarmupTime = TimeSpan.FromMilliseconds(200),
        });

        var report = result.Report;
        Assert.True(report.WarmedUp, "the run must get past warm-up for the allocation figure to mean anything");
        Assert.True(report.MeasuredEvents > 100_000, $"only {report.MeasuredEvents} events after warm-up");
        Assert.Equal("hot_threads", report.AllocationScope);
        Assert.True(report.AllocatedBytes == 0, "hot threads allocated after warm-up in every run: " + figures);
        Assert.Equal(["source", "journal", "book+flow+outputs"], report.Threads.Select(t => t.Name));
    }

    [Fact]
    public void Baseline_windows_first_closing_after_warm_up_allocate_nothing()
    {
        // Warm-up ends about 9 s into the session (~8,300 events per second of event time), before the first 10 s
        // signal window closes: every baseline key is first recorded after warm-up, so its series must have been
        // created ahead of time (at the ticks). Without that, the first close allocated ~310 KB here.
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "250000"), ("ring.size", "16384"));
        var (result, figures) = TestRuns.ExecuteUntilSteady(attempt => new EngineRunOptions
        {
            Config = config,
            RunId = $"baseline-alloc-{attempt}",
            WarmupEvents = 75_000,
            WarmupTime = TimeSpan.FromMilliseconds(1),
        });

        var report = result.Report;
        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(report.WarmedUp);
        Assert.True(report.Flow?.BaselineUpdate?.WindowsRecorded > 0, "the run must record baseline windows");
        Assert.True(report.AllocatedBytes == 0, "hot threads allocated after warm-up in every run: " + figures);
    }

    [Fact]
    public void A_run_without_a_journal_still_counts_outputs_and_writes_its_report()
    {
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "20000"), ("journal.enabled", "false"));
        var result = TestRuns.Execute(config, "nojournal");

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(Directory.Exists(result.Layout.InputsDirectory));
        Assert.True(result.Report.OutputsTotal > 0);
        Assert.Equal(["book", "flow", "outputs"], result.Report.Handlers.Select(h => h.Name));
        Assert.True(File.Exists(result.Layout.ReportFile));
    }

    [Fact]
    public void A_stop_request_ends_the_run_cleanly_with_everything_published_journaled()
    {
        var control = new RunControl();
        var config = TestRuns.Config(_root.Path, ("source.speed", "1x"));
        var result = TestRuns.Execute(new EngineRunOptions
        {
            Config = config,
            RunId = "stopped",
            Control = control,
            OnStarted = _ => Task.Delay(300).ContinueWith(_ => control.RequestStop("test stop")),
        });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(FlowEngine.Engine.Sources.SourceEnd.Stopped, result.End);
        Assert.Equal("test stop", result.StopReason);
        var inputs = JournalVerifier.Verify(result.Layout.InputsDirectory);
        Assert.True(inputs.IsClean && inputs.Closed);
        Assert.Equal(result.Report.EventsIn + result.Report.TimerTicks, inputs.Inputs);
        Assert.True(result.Report.EventsIn > 0);
    }

    [Fact]
    public void Stop_on_the_status_socket_ends_the_run_like_a_signal()
    {
        var config = TestRuns.Config(_root.Path, ("source.speed", "1x"), ("status.enabled", "true"), ("status.port", "0"), ("journal.durability", "always"));
        StatusReply? status = null;
        var result = TestRuns.Execute(new EngineRunOptions
        {
            Config = config,
            RunId = "socket-stop",
            OnStarted = started => Task.Run(async () =>
            {
                await Task.Delay(500);
                var token = StatusTokenFile.Read(Path.Combine(started.Layout.Directory, StatusTokenFile.FileName));
                using var client = await StatusClient.ConnectAsync("127.0.0.1", started.StatusEndPoint!.Port, TestRuns.Timeout);
                status = await client.RequestAsync(StatusProtocol.Request(StatusProtocol.StatusCmd), TestRuns.Timeout);
                await client.RequestAsync(StatusProtocol.Request(StatusProtocol.StopCmd, token), TestRuns.Timeout);
            }),
        });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(FlowEngine.Engine.Sources.SourceEnd.Stopped, result.End);
        Assert.Contains("status socket", result.StopReason);
        Assert.NotNull(status?.Status);
        Assert.Equal("running", status.Status.State);
        Assert.Equal("socket-stop", status.Status.RunId);
        Assert.Equal("warming up", status.Status.Baseline); // no baseline snapshot configured: the socket says so
        Assert.True(status.Status.WrittenSequence >= status.Status.DurableSequence);
        var inputs = JournalVerifier.Verify(result.Layout.InputsDirectory);
        Assert.True(inputs.IsClean && inputs.Closed);
        Assert.True(inputs.LastSequence >= status.Status.DurableSequence);
        Assert.False(File.Exists(Path.Combine(result.Layout.Directory, StatusTokenFile.FileName)));
    }

    [Fact]
    public void Starting_into_an_existing_run_directory_fails_and_leaves_it_alone()
    {
        var existing = Path.Combine(_root.Path, "taken");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "keep.txt"), "mine");
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "1000"));

        var ex = Assert.Throws<IOException>(() => EngineRun.Execute(new EngineRunOptions { Config = config, RunId = "taken" }));

        Assert.Contains("already exists and is not empty", ex.Message);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(existing).Select(Path.GetFileName));
    }

    [Fact]
    public void A_damaged_dbn_file_ends_the_run_cleanly_with_every_good_record_processed_and_journaled()
    {
        var source = TestRuns.EsFiles[0];
        var bytes = File.ReadAllBytes(source);
        var damaged = Path.Combine(_root.Path, "cut.dbn");
        File.WriteAllBytes(damaged, bytes[..(bytes.Length - 30)]); // the last record is cut in half
        var config = TestRuns.Config(_root.Path, ("source.kind", "dbn"), ("source.paths", damaged));

        var result = TestRuns.Execute(config, "damaged");

        Assert.False(result.Succeeded);
        Assert.IsType<DbnFormatException>(result.SourceError);
        Assert.Contains("cut.dbn", result.FailureMessage);
        Assert.Equal(8724, result.Report.EventsIn); // every complete record of the 8,725
        var inputs = JournalVerifier.Verify(result.Layout.InputsDirectory);
        Assert.True(inputs.IsClean && inputs.Closed);
        Assert.Equal(8724, inputs.Inputs);
        Assert.Equal(8724, Assert.Single(result.Report.Books).Events);
        Assert.True(File.Exists(result.Layout.ReportFile));
    }

    [Fact]
    public void A_missing_dbn_file_fails_before_anything_is_created()
    {
        var config = TestRuns.Config(_root.Path, ("source.kind", "dbn"), ("source.paths", Path.Combine(_root.Path, "nope.dbn")));

        var ex = Assert.Throws<FileNotFoundException>(() => EngineRun.Execute(new EngineRunOptions { Config = config, RunId = "missing" }));

        Assert.Contains("nope.dbn", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "missing")));
    }
}
