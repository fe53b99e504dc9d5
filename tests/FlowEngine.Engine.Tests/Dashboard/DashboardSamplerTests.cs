using FlowEngine.Book;
using FlowEngine.Engine.Dashboard;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Status;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Tests.Dashboard;

/// <summary>What a dashboard frame holds, from real engine metrics and a real tap, and from a whole simulator run.</summary>
public sealed class DashboardSamplerTests : IDisposable
{
    private static readonly DateTimeOffset Clock = new(2026, 11, 21, 18, 30, 5, TimeSpan.Zero);
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    private static byte[] Top(uint instrument, long bid, long ask)
    {
        var payload = new byte[TopOfBookOutput.Size];
        new TopOfBookOutput(instrument, 1, new TopOfBook(bid * 250_000_000, 3, 1, ask * 250_000_000, 4, 2)).Write(payload);
        return payload;
    }

    [Fact]
    public void A_frame_shows_the_busiest_quotes_by_id_the_latest_outputs_and_what_was_dropped()
    {
        var metrics = new EngineMetrics(1024);
        var provider = new MetricsStatusProvider(metrics, new RunInfo { RunId = "r1", Profile = "dev", ConfigHash = "h", Source = "test" }, _ => { });
        var control = new RunControl();
        var tap = new DashboardTap(latestCapacity: 8);
        var symbols = new Dictionary<uint, string> { [10] = "ESZ6", [15] = "ESZ6 C6800" };
        var sampler = new DashboardSampler(provider, tap, symbols, control, maxQuotes: 3, latestShown: 4);
        metrics.MarkStarted();

        // Instrument i changes i - 9 times: 18, 17 and 16 are the busiest.
        long sequence = 0;
        for (uint id = 10; id <= 18; id++)
        {
            for (var n = 0; n < id - 9; n++)
                tap.Emit(JournalOutputKinds.TopOfBook, sequence++, Top(id, 4 * id + n, 4 * id + n + 1));
        }
        tap.Emit(JournalOutputKinds.TopOfBook, sequence++, Top(10, 27_208, 27_209));
        tap.Emit(42, sequence++, [1, 2, 3]);
        metrics.Counters.AddEventsIn(5000);
        control.RequestStop("SIGINT");

        var frame = sampler.Sample(Clock);

        Assert.Equal(Clock, frame.Clock);
        Assert.Equal(1, frame.Beat);
        Assert.Equal(5000, frame.Status.EventsIn);
        Assert.Equal("SIGINT", frame.StopReason);
        Assert.Equal(9, frame.Instruments);
        Assert.Equal([16u, 17u, 18u], frame.Quotes.Select(q => q.InstrumentId));
        Assert.Equal([7L, 8, 9], frame.Quotes.Select(q => q.Changes));
        Assert.Equal(PriceFormat.ToDecimal(18 * 4 * 250_000_000L + 8 * 250_000_000L), PriceFormat.ToDecimal(frame.Quotes[2].Top.BidPrice));

        var written = 45 + 2;
        Assert.Equal(written, frame.OutputsSeen);
        Assert.Equal(written - 8, frame.OutputsDropped);
        Assert.Equal(4, frame.LatestOutputs.Count);
        Assert.Equal("kind-42", frame.LatestOutputs[^1].Kind);
        Assert.Equal("3 bytes 010203", frame.LatestOutputs[^1].Text);
        Assert.Equal(new OutputLine(written - 2, "top-of-book", "ESZ6  6802.00 x 3 / 6802.25 x 4"), frame.LatestOutputs[^2]);
        Assert.Equal(written - 3, frame.LatestOutputs[^3].InputSequence);
        Assert.StartsWith("18  ", frame.LatestOutputs[^3].Text);

        // The next frame only adds what is new, keeps the last few, and times the rate by the engine's clock.
        tap.Emit(JournalOutputKinds.TopOfBook, sequence, Top(15, 27_100, 27_101));
        metrics.Counters.AddEventsIn(1000);
        Thread.Sleep(20);
        var next = sampler.Sample(Clock.AddSeconds(1));
        Assert.Equal(2, next.Beat);
        Assert.Equal(frame.LatestOutputs.Skip(1).Append(new OutputLine(sequence, "top-of-book", "ESZ6 C6800  6775.00 x 3 / 6775.25 x 4")), next.LatestOutputs);
        Assert.Equal(written - 8, next.OutputsDropped);
        Assert.Equal(1000 / (next.Status.UptimeSeconds - frame.Status.UptimeSeconds), next.EventsPerSecond, 6);
    }

    [Fact]
    public void A_watched_run_allocates_nothing_per_event_and_ends_with_the_books_final_quotes()
    {
        var config = TestRuns.Config(_root.Path, ("source.simulator.events", "1500000"), ("source.simulator.seed", "5"), ("ring.size", "16384"));
        DashboardTap tap = null!;
        DashboardSampler? sampler = null;
        List<DashboardFrame> frames = null!;
        using var stop = new ManualResetEventSlim();
        Thread? watcher = null;
        void StopWatcher()
        {
            if (watcher is null)
                return;
            stop.Set();
            Assert.True(watcher.Join(TestRuns.Timeout), "the watcher did not stop");
            stop.Reset();
            watcher = null;
        }

        // Each attempt is a whole watched run with its own tap, sampler and watcher (see ExecuteUntilSteady).
        var (result, figures) = TestRuns.ExecuteUntilSteady(attempt =>
        {
            StopWatcher();
            var runTap = tap = new DashboardTap();
            var runFrames = frames = [];
            sampler = null;
            return new EngineRunOptions
            {
                Config = config,
                RunId = $"watched-{attempt}",
                OutputTap = runTap,
                WarmupEvents = 200_000,
                WarmupTime = TimeSpan.FromMilliseconds(200),
                OnStarted = started =>
                {
                    // The dashboard's reader, sampling far more often than the real one, all through the run.
                    var runSampler = sampler = new DashboardSampler(started.Status!, runTap, InstrumentSymbols.Load(started.Layout.InstrumentsFile), maxQuotes: 100);
                    watcher = new Thread(() =>
                    {
                        do
                            runFrames.Add(runSampler.Sample(Clock));
                        while (!stop.Wait(10));
                    });
                    watcher.Start();
                },
            };
        });
        StopWatcher();

        Assert.True(result.Succeeded, result.FailureMessage);
        var report = result.Report;
        Assert.True(report.WarmedUp && report.MeasuredEvents > 100_000, $"only {report.MeasuredEvents} events after warm-up");
        Assert.True(report.AllocatedBytes == 0, "hot threads allocated after warm-up with the tap on, in every run: " + figures);
        Assert.True(frames.Count > 1, "the watcher never sampled during the run");
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.Status.EventsIn >= p.First.Status.EventsIn && p.Second.OutputsSeen >= p.First.OutputsSeen));

        var frame = sampler!.Sample(Clock);
        Assert.Equal("stopped", frame.Status.State);
        Assert.Equal(1_500_000, frame.Metrics.EventsIn);
        Assert.Equal(report.OutputsTotal, frame.OutputsSeen);
        Assert.Equal(report.OutputsTotal, tap.Latest.Written);
        Assert.Equal(report.Books.Count, frame.Instruments);
        Assert.Equal(report.Books.Select(b => b.InstrumentId), frame.Quotes.Select(q => q.InstrumentId));
        foreach (var (book, quote) in report.Books.Zip(frame.Quotes))
        {
            Assert.Equal(book.Symbol, quote.Symbol);
            Assert.Equal(book.BestBid, quote.Top.HasBid ? PriceFormat.ToDecimal(quote.Top.BidPrice) : null);
            Assert.Equal(book.BestAsk, quote.Top.HasAsk ? PriceFormat.ToDecimal(quote.Top.AskPrice) : null);
        }
        Assert.Equal(report.Outputs["top-of-book"], frame.Quotes.Sum(q => q.Changes));
    }
}
