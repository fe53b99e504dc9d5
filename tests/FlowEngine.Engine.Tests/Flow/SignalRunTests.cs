using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FlowEngine.Journal;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Tests.Flow;

/// <summary>IFD signals produced by the running engine: journaled as outputs, reported, recomputed by parity, identical in every layout.</summary>
public sealed class SignalRunTests : IClassFixture<SignalRunFixture>
{
    private readonly SignalRunFixture _run;

    public SignalRunTests(SignalRunFixture run) => _run = run;

    [Fact]
    public void A_simulator_run_journals_its_signals_and_the_report_counts_them()
    {
        var result = _run.Result;
        Assert.True(result.Succeeded, result.FailureMessage);
        var signals = _run.Signals;
        Assert.True(signals.Count >= 3, $"only {signals.Count} signals in {SignalRunFixture.Events} simulated events");

        var report = result.Report;
        Assert.Equal(signals.Count, report.Outputs["signal"]);
        Assert.Equal(_run.Outputs.Count, report.OutputsTotal);
        var flow = Assert.IsType<FlowReport>(report.Flow);
        Assert.Equal(signals.Count, flow.Signals);
        Assert.Equal(["EXTREME", "VERY_HIGH", "HIGH", "MODERATE"], flow.SignalsByGrade.Keys);
        Assert.Equal(signals.Count, flow.SignalsByGrade.Values.Sum());
        Assert.Equal(BaselineReport.WarmingUp, flow.Baseline.Status);
        Assert.Null(flow.Baseline.Snapshot);
        Assert.Contains("baseline: warming up (no baseline.snapshot configured", RunReportTable.Format(report));
        Assert.Equal(flow.Signals, RunReportJson.Parse(File.ReadAllText(result.Layout.ReportFile)).Flow!.Signals);

        var inputs = Inputs(result.Layout.InputsDirectory);
        foreach (var (_, sequence, s) in signals)
        {
            // Every input is fed to the tracker, so its input index is the ring sequence the output is tagged with.
            Assert.Equal(sequence, s.InputIndex);
            Assert.Equal(BaselineStatus.WarmingUp, s.BaselineStatus);
            Assert.Equal(SignalGrade.Moderate, s.Grade); // no history: never above MODERATE
            Assert.InRange(s.Confidence, 0.55, 1);
            var cause = inputs[(int)sequence];
            Assert.Equal(0, (int)(cause.Flags & MboFlags.Snapshot));
            if (s.Kind is SignalKind.Sweep or SignalKind.Iceberg)
            {
                // Detected on the record itself.
                Assert.Equal(EventKind.Mbo, cause.Kind);
                Assert.Equal(s.TsRecv, cause.TsRecv);
                Assert.Equal(s.Sequence, cause.Sequence);
            }
            else
            {
                // A window closes at its end, on the first input (a timer tick or a record) at or after it.
                Assert.True(cause.TsRecv >= s.TsRecv, $"window ending {s.TsRecv} closed by input {sequence} at {cause.TsRecv}");
                Assert.Equal(s.TsRecv - s.WindowNs, s.EvidenceStartNs);
            }
        }
        // The signals come out in input order, each after the top-of-book output of its input (if any).
        Assert.True(signals.Zip(signals.Skip(1)).All(p => p.First.Sequence <= p.Second.Sequence));
    }

    [Fact]
    public void Parity_recomputes_every_signal()
    {
        var result = TestRuns.Bounded(() => ParityCheck.Run(_run.Result.Layout.Directory));

        Assert.True(result.Matches, result.Difference?.Describe());
        Assert.Equal(_run.Result.Report.OutputsTotal, result.OutputsCompared);
        Assert.Equal(_run.Signals.Count, result.ComparedByKind["signal"]);
        Assert.Equal(_run.Result.Report.Outputs["top-of-book"], result.ComparedByKind["top-of-book"]);
    }

    [Fact]
    public void A_tampered_signal_fails_parity_naming_the_signal_and_the_changed_factor()
    {
        var dir = _run.Copy("tamper-signal");
        var (index, sequence, original) = _run.Signals[1];
        var tampered = original with { Confidence = original.Confidence + 0.001 };
        var payload = new byte[SignalCodec.EncodedSize];
        SignalCodec.Encode(in tampered, payload);
        SignalRunFixture.WriteOutputs(dir, _run.Outputs.Select((o, i) => i == index ? o with { Payload = payload } : o));

        var result = TestRuns.Bounded(() => ParityCheck.Run(dir));

        var d = Assert.IsType<ParityDifference>(result.Difference);
        Assert.Equal(index, d.OutputIndex);
        Assert.Equal(sequence, d.InputSequence);
        Assert.Equal(JournalOutputKinds.Signal, d.Expected!.Kind);
        var text = d.Describe();
        Assert.Contains($"first difference at output #{index}, input sequence {sequence}:", text);
        Assert.Contains($"expected signal (kind 2) for input {sequence}: ", text);
        Assert.Contains($"confidence {tampered.Confidence:0.000}", text);
        Assert.Contains($"actual   signal (kind 2) for input {sequence}: ", text);
        Assert.Contains("| pressure ", text); // the factors are printed, not just bytes
        Assert.Contains($"differs  Confidence {tampered.Confidence:R} → {original.Confidence:R}", text);
        Assert.DoesNotContain("InstrumentId", text[text.IndexOf("differs", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void A_damaged_signal_payload_is_shown_as_undecodable_bytes_with_the_reason()
    {
        var dir = _run.Copy("damage-signal");
        var (index, _, _) = _run.Signals[0];
        SignalRunFixture.WriteOutputs(dir, _run.Outputs.Select((o, i) =>
        {
            if (i != index)
                return o;
            var bytes = (byte[])o.Payload.Clone();
            bytes[1] = 9; // kind
            return o with { Payload = bytes };
        }));

        var d = TestRuns.Bounded(() => ParityCheck.Run(dir)).Difference;

        Assert.NotNull(d);
        Assert.Equal(index, d.OutputIndex);
        Assert.Contains("expected signal (kind 2) for input", d.Describe());
        Assert.Contains("undecodable signal (signal byte 1 (kind): 9, expected 1 to 4): 232 bytes ", d.Describe());
    }

    [Fact]
    public void Every_thread_layout_gives_the_same_signals()
    {
        var (reference, _) = OutputDigest.Compute(_run.Result.Layout.OutputsDirectory);
        var root = Path.Combine(_run.Root.Path, "layouts");
        foreach (var (layout, wait) in new[] { ("per-handler", "yielding"), ("single", "blocking") })
        {
            var run = TestRuns.Execute(TestRuns.Config(root, ("source.simulator.events", SignalRunFixture.Events.ToString()), ("source.simulator.seed", "7"),
                ("ring.threadLayout", layout), ("ring.waitStrategy", wait), ("ring.size", "1024")), "sim-" + layout);
            Assert.True(run.Succeeded, run.FailureMessage);
            Assert.Equal(_run.Signals.Count, run.Report.Outputs["signal"]);
            Assert.Equal(reference, OutputDigest.Compute(run.Layout.OutputsDirectory).Digest);
            if (layout == "per-handler")
                Assert.Equal(["source", "journal", "book", "flow", "outputs"], run.Report.Threads.Select(t => t.Name));
        }
    }

    private static List<MboEvent> Inputs(string journal)
    {
        var result = new List<MboEvent>();
        using var reader = JournalReader.Open(journal);
        while (reader.TryRead(out var record))
        {
            if (record.IsInput)
                result.Add(record.Input);
        }
        return result;
    }
}
