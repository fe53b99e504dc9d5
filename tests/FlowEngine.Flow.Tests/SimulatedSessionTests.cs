using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FlowEngine.Simulator;

namespace FlowEngine.Flow.Tests;

public sealed class SimulatedSessionTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(90);

    private static (byte[] Signals, int Count, string Baseline) Run()
    {
        var baseline = SimPipeline.WarmBaseline(Short, 901, 902, 903);
        var sink = new EncodingSink();
        new SimPipeline(new SimulatorOptions { Seed = 904, Duration = Short }, baseline, sink).RunToEnd();
        baseline.EndSession();
        var text = new StringWriter();
        BaselineSnapshot.Save(baseline, text);
        return (sink.Bytes.ToArray(), sink.Count, text.ToString());
    }

    [Fact]
    public void The_same_input_gives_the_same_signal_bytes_and_the_same_baseline()
    {
        var first = Run();
        var second = Run();
        Assert.True(first.Count > 0, "the session should produce signals");
        Assert.Equal(first.Count * SignalCodec.EncodedSize, first.Signals.Length);
        Assert.Equal(first.Signals, second.Signals);
        Assert.Equal(first.Baseline, second.Baseline);
    }

    [Fact]
    public void Pressure_and_scoring_allocate_nothing_per_event_after_warm_up()
    {
        var baseline = SimPipeline.WarmBaseline(TimeSpan.FromSeconds(40), 911, 912, 913);
        var sink = new CountingSink();
        // Long enough for the warm-up and up to three measured windows of ~1 minute each.
        var pipeline = new SimPipeline(new SimulatorOptions { Seed = 914, Duration = TimeSpan.FromMinutes(5) }, baseline, sink);
        Assert.True(pipeline.Step(600_000)); // ~1 minute of event time: every instrument has traded, pools have grown

        // Each window is the next 600,000 events; the window that gives the verdict must score windows and emit signals.
        var scored = new List<long>(SteadyAllocation.Windows); // sized up front: Add must not allocate inside a window
        var signals = new List<long>(SteadyAllocation.Windows);
        var allocated = SteadyAllocation.Measure(() =>
        {
            var signalsBefore = sink.Count;
            var scoredBefore = pipeline.Scorer!.WindowsScored;
            if (!pipeline.Step(600_000))
                throw new InvalidOperationException("the session ended inside a measured window");
            scored.Add(pipeline.Scorer.WindowsScored - scoredBefore);
            signals.Add(sink.Count - signalsBefore);
        });

        Assert.True(allocated.Bytes == 0, allocated.ToString());
        Assert.True(scored[^1] > 0, "windows should have been scored in the measured stretch");
        Assert.True(signals[^1] > 0, "signals should have been emitted in the measured stretch");
    }
}
