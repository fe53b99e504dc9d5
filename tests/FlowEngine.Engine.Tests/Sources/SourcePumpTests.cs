using System.Diagnostics;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Sources;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Tests.Sources;

/// <summary>The publisher against a real ring: what reaches the handlers, in which order, with which hints, how fast.</summary>
public sealed class SourcePumpTests
{
    private const long Ms = 1_000_000;
    private const long Start = 1_700_000_000_000_000_000;

    private sealed class Recorder : IValueEventHandler<PipelineEvent>
    {
        public readonly List<(long Sequence, MboEvent Input, SourceHints Hints, long Published)> Seen = [];

        public void OnEvent(ref PipelineEvent data, long sequence, bool endOfBatch) =>
            Seen.Add((sequence, data.Input, data.Hints, data.PublishedTicks));
    }

    private static MboEvent Mbo(long tsRecv, ulong orderId) => new()
    {
        TsRecv = tsRecv, TsEvent = tsRecv, OrderId = orderId, Price = 100, Size = 1, Kind = EventKind.Mbo,
        Action = MboAction.Add, Side = MboSide.Bid, Flags = MboFlags.Last,
    };

    private static (List<(long Sequence, MboEvent Input, SourceHints Hints, long Published)> Seen, EngineCounters Counters, SourceEnd End) Pump(
        IReadOnlyList<MboEvent> events, bool needsTicks, SourceSpeed speed, int tickMs = 1000, int ringSize = 64, RunControl? control = null, long endTickUnitNs = 0)
    {
        using var pipeline = new RingPipeline<PipelineEvent>(ringSize);
        var recorder = new Recorder();
        pipeline.HandleEventsWith(recorder);
        var ring = pipeline.Start();
        var counters = new EngineCounters();
        var pump = new SourcePump(ring, new ListReader(events, needsTicks), speed, tickMs, control ?? new RunControl(), counters, null) { EndTickUnitNs = endTickUnitNs };
        var end = TestRuns.Bounded(pump.Run);
        Assert.True(pipeline.Halt(TestRuns.Timeout));
        return (recorder.Seen, counters, end);
    }

    [Fact]
    public void Flat_out_publishes_every_event_in_order_with_ticks_before_the_event_that_crosses_a_boundary()
    {
        // 1,000 events 3 ms apart: crosses 2 or 3 one-second boundaries... with 10 ms ticks: about 300 ticks.
        var events = Enumerable.Range(0, 1000).Select(i => Mbo(Start + 1 + i * 3 * Ms, (ulong)i)).ToList();

        var (seen, counters, end) = Pump(events, needsTicks: true, SourceSpeed.Max, tickMs: 10);

        Assert.Equal(SourceEnd.EndOfStream, end);
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => (long)i), seen.Select(s => s.Sequence));
        var mbo = seen.Where(s => s.Input.Kind == EventKind.Mbo).Select(s => s.Input.OrderId).ToList();
        Assert.Equal(events.Select(e => e.OrderId), mbo);
        var ticks = seen.Where(s => s.Input.Kind == EventKind.TimerTick).ToList();
        Assert.Equal(300, ticks.Count); // boundaries Start+10ms .. Start+2990ms, then the end-of-input tick
        Assert.Equal(1000, counters.EventsIn);
        Assert.Equal(300, counters.TimerTicks);
        // The input ends at Start+2998ms: the end tick is that rounded up to the tick interval, after everything.
        Assert.Equal(EventKind.TimerTick, seen[^1].Input.Kind);
        Assert.Equal(Start + 3000 * Ms, seen[^1].Input.TsRecv);
        Assert.Equal((Start + 3000 * Ms) / (10 * Ms), seen[^1].Input.Aux); // the boundary's index, like every tick
        // Every other tick comes right before the first event at or after its boundary, and after every earlier event.
        for (var i = 0; i < seen.Count - 1; i++)
        {
            if (seen[i].Input.Kind != EventKind.TimerTick)
                continue;
            var boundary = seen[i].Input.TsRecv;
            var next = seen.Skip(i + 1).First(s => s.Input.Kind == EventKind.Mbo).Input.TsRecv;
            var previous = seen.Take(i).LastOrDefault(s => s.Input.Kind == EventKind.Mbo).Input.TsRecv;
            Assert.True(previous < boundary && boundary <= next, $"tick {boundary} between events {previous} and {next}");
        }
        // The last event (the end of the stream) and the end tick after it are marked idle: nothing follows them.
        Assert.Equal(SourceHints.Idle, seen[^1].Hints);
        Assert.Equal(SourceHints.Idle, seen[^2].Hints);
        Assert.All(seen.Take(seen.Count - 2), s => Assert.Equal(SourceHints.None, s.Hints));
    }

    [Fact]
    public void A_replay_publishes_its_recorded_ticks_and_makes_none_of_its_own()
    {
        var events = new List<MboEvent> { Mbo(Start + 1, 1), MboEvent.TimerTick(Start + 1000 * Ms, 7), Mbo(Start + 5000 * Ms, 2) };

        var (seen, counters, _) = Pump(events, needsTicks: false, SourceSpeed.Max);

        Assert.Equal(events.Select(e => (e.Kind, e.TsRecv)), seen.Select(s => (s.Input.Kind, s.Input.TsRecv)));
        Assert.Equal(2, counters.EventsIn);
        Assert.Equal(1, counters.TimerTicks);
    }

    [Fact]
    public void Paced_publishing_follows_event_time_and_marks_long_gaps_idle()
    {
        // 0, 2, 4 ... 40 ms of event time at 2x: the 21st event is due 20 ms of wall time after the first.
        var events = Enumerable.Range(0, 21).Select(i => Mbo(Start + i * 2 * Ms, (ulong)i)).ToList();
        // A 2 s event-time gap before the last: 1 s at 2x, far over the 1 ms idle threshold. The idle hint compares
        // the next event's due time with the moment of publishing, so the gap must outlast any lateness a loaded
        // machine adds to the source thread's wake-up (a 20 ms gap did not).
        events.Add(Mbo(Start + 2040 * Ms, 99));

        var (seen, _, end) = Pump(events, needsTicks: false, SourceSpeed.Times(2));

        Assert.Equal(SourceEnd.EndOfStream, end);
        var wall = Stopwatch.GetElapsedTime(seen[0].Published, seen[^1].Published);
        Assert.True(wall >= TimeSpan.FromMilliseconds(1019), $"2,040 ms of event time at 2x took {wall.TotalMilliseconds} ms");
        Assert.True(wall < TimeSpan.FromSeconds(15), $"pacing overslept: {wall.TotalMilliseconds} ms");
        Assert.Equal(SourceHints.Idle, seen[^2].Hints); // the event before the gap
        Assert.Equal(SourceHints.Idle, seen[^1].Hints); // the end of the stream
        Assert.Equal(SourceHints.None, seen[0].Hints);   // the next event is due 1 ms later: not more than the idle threshold
    }

    private sealed class FailingReader(IReadOnlyList<MboEvent> events) : IEventReader
    {
        private int _next;

        public string Description => "failing";

        // Ticks on: a failed source must not publish the end-of-input tick (its session did not end cleanly).
        public bool NeedsTimerTicks => true;

        public IReadOnlyCollection<FlowEngine.Market.Instruments.InstrumentDefinition> Definitions => [];

        public FlowEngine.Market.Instruments.InstrumentDefinition? FindDefinition(uint instrumentId) => null;

        public bool Read(ref MboEvent evt)
        {
            if (_next == events.Count)
                throw new InvalidDataException("damaged record after " + _next);
            evt = events[_next++];
            return true;
        }

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_reader_failure_surfaces_after_every_event_before_it_was_published(bool flatOut)
    {
        var events = Enumerable.Range(0, 100).Select(i => Mbo(Start + i * Ms / 100, (ulong)i)).ToList();
        using var pipeline = new RingPipeline<PipelineEvent>(1024);
        var recorder = new Recorder();
        pipeline.HandleEventsWith(recorder);
        var ring = pipeline.Start();
        var pump = new SourcePump(ring, new FailingReader(events), flatOut ? SourceSpeed.Max : SourceSpeed.Times(10), 1000, new RunControl(), new EngineCounters(), null);

        var ex = Assert.Throws<InvalidDataException>(() => pump.Run());

        Assert.Equal("damaged record after 100", ex.Message);
        Assert.True(pipeline.Halt(TestRuns.Timeout));
        Assert.Equal(events.Select(e => e.OrderId), recorder.Seen.Select(s => s.Input.OrderId));
        Assert.All(recorder.Seen, s => Assert.Equal(EventKind.Mbo, s.Input.Kind)); // no end tick after a failure
        Assert.Equal(SourceHints.Idle, recorder.Seen[^1].Hints);
    }

    [Fact]
    public void A_stop_request_ends_a_paced_run_during_its_wait()
    {
        var control = new RunControl();
        var events = new List<MboEvent> { Mbo(Start, 1), Mbo(Start + 3_600_000 * Ms, 2) }; // an hour apart
        _ = Task.Delay(200).ContinueWith(_ => control.RequestStop("test"));

        var (seen, _, end) = Pump(events, needsTicks: true, SourceSpeed.RealTime, control: control);

        Assert.Equal(SourceEnd.Stopped, end);
        // The first event, then the end tick a stop publishes too (the windows open at the stop close).
        Assert.Equal(2, seen.Count);
        Assert.Equal(1ul, seen[0].Input.OrderId);
        Assert.Equal((EventKind.TimerTick, Start), (seen[1].Input.Kind, seen[1].Input.TsRecv));
    }

    [Fact]
    public void The_end_tick_rounds_the_last_event_time_up_to_the_longest_scored_window()
    {
        const long TenSeconds = 10_000 * Ms;
        var events = new List<MboEvent> { Mbo(Start + 100 * Ms, 1), Mbo(Start + 12_345 * Ms, 2) };

        var (seen, counters, _) = Pump(events, needsTicks: true, SourceSpeed.Max, endTickUnitNs: TenSeconds);

        var ticks = seen.Where(s => s.Input.Kind == EventKind.TimerTick).Select(s => s.Input.TsRecv).ToList();
        // Per-second boundaries up to the last event, then one tick at 20 s (12.345 s rounded up to 10 s).
        Assert.Equal([.. Enumerable.Range(1, 12).Select(i => Start + i * 1000 * Ms), Start + 2 * TenSeconds], ticks);
        Assert.Equal(EventKind.TimerTick, seen[^1].Input.Kind);
        Assert.Equal(13, counters.TimerTicks);

        // A replay (no ticks of its own) gets no end tick either: its journal already holds the one the run published.
        var (replayed, _, _) = Pump(events, needsTicks: false, SourceSpeed.Max, endTickUnitNs: TenSeconds);
        Assert.DoesNotContain(replayed, s => s.Input.Kind == EventKind.TimerTick);
    }

    [Fact]
    public void A_stop_request_ends_a_flat_out_run_without_losing_what_was_read()
    {
        var control = new RunControl();
        control.RequestStop("before start");
        var events = Enumerable.Range(0, 100).Select(i => Mbo(Start + i, (ulong)i)).ToList();

        var (seen, counters, end) = Pump(events, needsTicks: false, SourceSpeed.Max, control: control);

        Assert.Equal(SourceEnd.Stopped, end);
        Assert.Empty(seen);
        Assert.Equal(0, counters.EventsIn);
    }
}
