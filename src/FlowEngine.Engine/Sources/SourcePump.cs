using System.Diagnostics;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Runs;
using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// The publisher: reads events from an <see cref="IEventReader"/>, inserts event-time timer ticks (live
/// sources), paces by event time when asked, and publishes into the ring. Runs on the thread that calls
/// <see cref="Run"/> (the source thread), the ring's single producer.
/// </summary>
/// <remarks>
/// Flat out it decodes up to <see cref="MaxBatch"/> events into a reused staging buffer, then claims exactly that
/// many slots at once and publishes them with one cursor store (claiming first would leave a claimed slot without
/// an event when the stream ends mid-batch). Paced, it keeps one event read ahead so it knows, before publishing,
/// whether the next event is far off and marks the slot <see cref="SourceHints.Idle"/> so the journals hand their
/// blocks to the disk instead of holding them. Nothing is allocated per event.
/// </remarks>
public sealed class SourcePump
{
    /// <summary>Most events published per claim when flat out.</summary>
    public const int MaxBatch = 256;

    /// <summary>Rings at least this large (about 3 ms of events at 5 M/s) let a blocked source sleep instead of yield.</summary>
    private const int SleepWhenFullRingSize = 16_384;

    private static readonly long IdleThresholdTicks = (long)(FlushPolicy.MaxDelay.TotalSeconds * Stopwatch.Frequency);
    private static readonly long SleepThresholdTicks = Stopwatch.Frequency / 500; // 2 ms
    private static readonly long YieldThresholdTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly RingBuffer<PipelineEvent> _ring;
    private readonly IEventReader _reader;
    private readonly SourceSpeed _speed;
    private readonly RunControl _control;
    private readonly EngineCounters _counters;
    private readonly ThreadAllocationMeter? _meter;
    private readonly DefinitionCatalog? _definitions;
    private readonly MboEvent[] _staging;
    private readonly int _batch;
    private TickClock _clock;
    private int _staged;

    /// <summary>Creates the pump.</summary>
    /// <param name="ring">The ring to publish into (this pump must be its only producer).</param>
    /// <param name="reader">Where events come from.</param>
    /// <param name="speed">Flat out or paced by event time.</param>
    /// <param name="tickIntervalMs">Timer tick interval in event-time milliseconds; used only when the reader needs ticks.</param>
    /// <param name="control">Polled between publishes; a stop request ends <see cref="Run"/>.</param>
    /// <param name="counters">Events and ticks published are counted here (this thread is their only writer).</param>
    /// <param name="meter">The source thread's allocation meter, ticked per publish.</param>
    /// <param name="definitions">
    /// Where the definition behind each <c>InstrumentDefinition</c> event is put before the event is published (for
    /// the flow stage); null when nothing downstream needs definitions.
    /// </param>
    public SourcePump(RingBuffer<PipelineEvent> ring, IEventReader reader, SourceSpeed speed, int tickIntervalMs,
        RunControl control, EngineCounters counters, ThreadAllocationMeter? meter, DefinitionCatalog? definitions = null)
    {
        _definitions = definitions;
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        ArgumentOutOfRangeException.ThrowIfNegative(tickIntervalMs);
        _speed = speed;
        _meter = meter;
        _clock = new TickClock(reader.NeedsTimerTicks ? tickIntervalMs * 1_000_000L : 0);
        _batch = Math.Max(1, Math.Min(MaxBatch, ring.BufferSize / 2));
        _staging = new MboEvent[_batch];
    }

    /// <summary>
    /// The longest scored window (ns): when the source ends or is stopped, one last timer tick at the last event
    /// time rounded up to it closes the windows still open (<see cref="TickClock.TryEndTick"/>). 0 rounds to the tick
    /// interval. Only sources that need ticks get one; a replayed journal brings its own.
    /// </summary>
    public long EndTickUnitNs { get; init; }

    /// <summary>Events published so far (ticks included).</summary>
    public long Published { get; private set; }

    /// <summary>
    /// Publishes until the reader ends or a stop is requested. Reader errors (damaged input) and
    /// <see cref="RingHaltedException"/> (a stage failed) propagate after everything before them was published.
    /// </summary>
    public SourceEnd Run()
    {
        var end = _speed.IsMax ? RunFlatOut() : RunPaced();
        // A clean end (input exhausted or a stop request): the end-of-input tick, journaled like every tick so a
        // replay closes the same windows at the same time. A failure propagates above without one.
        if (_clock.TryEndTick(EndTickUnitNs, out var tick))
            PublishOne(in tick, SourceHints.Idle);
        return end;
    }

    private SourceEnd RunFlatOut()
    {
        while (!_control.StopRequested)
        {
            int n;
            bool end;
            try
            {
                n = Fill(out end);
            }
            catch (Exception) when (_staged > 0)
            {
                // Damaged input: everything read before the damage still goes through the pipeline and the journal.
                PublishStaged(_staged, idleAfter: true);
                throw;
            }
            if (n > 0)
                PublishStaged(n, end);
            if (end)
                return SourceEnd.EndOfStream;
        }
        return SourceEnd.Stopped;
    }

    /// <summary>Reads up to a batch of events (ticks inserted) into the staging buffer; <see cref="_staged"/> tracks the count.</summary>
    private int Fill(out bool end)
    {
        var staging = _staging;
        var batch = _batch;
        var n = 0;
        end = false;
        _staged = 0;
        while (n < batch)
        {
            ref var e = ref staging[n];
            if (!_reader.Read(ref e))
            {
                end = true;
                break;
            }
            if (e.Kind == EventKind.InstrumentDefinition)
                PublishDefinition(e.InstrumentId);
            if (_clock.TryTickBefore(in e, out var tick))
                InsertTicks(ref n, tick);
            _staged = ++n;
        }
        return n;
    }

    /// <summary>Rare path: hands the definition behind a definition event to the flow stage (before the event is published).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void PublishDefinition(uint instrumentId)
    {
        if (_definitions is not null && _reader.FindDefinition(instrumentId) is { } definition)
            _definitions.Publish(definition);
    }

    /// <summary>Rare path: the event just read at <paramref name="n"/> crosses tick boundaries; put the ticks before it.</summary>
    private void InsertTicks(ref int n, MboEvent tick)
    {
        var held = _staging[n];
        do
        {
            _staging[n++] = tick;
            if (n == _batch)
            {
                PublishStaged(n, idleAfter: false);
                n = 0;
            }
        }
        while (_clock.TryTickBefore(in held, out tick));
        _staging[n] = held;
    }

    private void PublishStaged(int n, bool idleAfter)
    {
        var ring = _ring;
        if (!ring.Sequencer.HasAvailableCapacity(n))
            WaitForRoom();
        var hi = ring.Next(n);
        var lo = hi - n + 1;
        var now = Stopwatch.GetTimestamp();
        var staging = _staging;
        var ticks = 0; // counted by kind: a replayed journal brings its own ticks
        for (var i = 0; i < n; i++)
        {
            ref var slot = ref ring[lo + i];
            slot.Input = staging[i];
            slot.PublishedTicks = now;
            slot.Hints = SourceHints.None;
            if (staging[i].Kind == EventKind.TimerTick)
                ticks++;
        }
        if (idleAfter)
            ring[hi].Hints = SourceHints.Idle;
        ring.Publish(lo, hi);
        _counters.AddEventsIn(n - ticks);
        for (var t = 0; t < ticks; t++)
            _counters.IncrementTimerTicks();
        Published += n;
        _meter?.Tick();
    }

    /// <summary>
    /// The ring is full: the stages are behind. Rather than spin (which on a 2-core machine takes the CPU the
    /// stages need to catch up), sleep until half the ring is free. A large ring holds milliseconds of work, so
    /// a 1 ms sleep never lets the stages run dry; a small one only yields.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void WaitForRoom()
    {
        var ring = _ring;
        var half = ring.BufferSize / 2;
        var sleep = ring.BufferSize >= SleepWhenFullRingSize;
        for (var spins = 0; !ring.Sequencer.HasAvailableCapacity(half); spins++)
        {
            if (ring.Sequencer.IsHalted)
                return; // the claim that follows reports the halt
            if (spins < 10)
                Thread.SpinWait(50);
            else if (sleep)
                Thread.Sleep(1);
            else
                Thread.Yield();
        }
    }

    private SourceEnd RunPaced()
    {
        var pacer = new Pacer(_speed.Multiplier);
        MboEvent pending = default, next = default;
        if (!_reader.Read(ref pending))
            return SourceEnd.EndOfStream;
        if (pending.Kind == EventKind.InstrumentDefinition)
            PublishDefinition(pending.InstrumentId);
        var hasNext = ReadAhead(ref next, out var readError);
        var due = pacer.DueTicks(in pending, Stopwatch.GetTimestamp());
        while (true)
        {
            if (!WaitUntil(due))
                return SourceEnd.Stopped;
            while (_clock.TryTickBefore(in pending, out var tick))
                PublishOne(in tick, SourceHints.None);
            var now = Stopwatch.GetTimestamp();
            var nextDue = hasNext ? pacer.DueTicks(in next, now) : 0;
            var idle = !hasNext || nextDue - now > IdleThresholdTicks;
            PublishOne(in pending, idle ? SourceHints.Idle : SourceHints.None);
            if (!hasNext)
            {
                // A read error surfaces only now, after every event before it was published.
                readError?.Throw();
                return SourceEnd.EndOfStream;
            }
            pending = next;
            due = nextDue;
            hasNext = ReadAhead(ref next, out readError); // read ahead now, not after the wait, so decoding never delays a publish
        }
    }

    /// <summary>Reads the next event; a reader failure is held back until the event already read is published.</summary>
    private bool ReadAhead(ref MboEvent next, out System.Runtime.ExceptionServices.ExceptionDispatchInfo? error)
    {
        error = null;
        try
        {
            var read = _reader.Read(ref next);
            if (read && next.Kind == EventKind.InstrumentDefinition)
                PublishDefinition(next.InstrumentId);
            return read;
        }
        catch (Exception ex)
        {
            error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            return false;
        }
    }

    private void PublishOne(in MboEvent evt, SourceHints hints)
    {
        var ring = _ring;
        var sequence = ring.Next();
        ref var slot = ref ring[sequence];
        slot.Input = evt;
        slot.Hints = hints;
        slot.PublishedTicks = Stopwatch.GetTimestamp();
        ring.Publish(sequence);
        if (evt.Kind == EventKind.TimerTick)
            _counters.IncrementTimerTicks();
        else
            _counters.IncrementEventsIn();
        Published++;
        _meter?.Tick();
    }

    /// <summary>Waits for the wall clock to reach <paramref name="dueTicks"/>; false when a stop was requested first.</summary>
    private bool WaitUntil(long dueTicks)
    {
        while (true)
        {
            var remaining = dueTicks - Stopwatch.GetTimestamp();
            if (remaining <= 0)
                return true;
            if (_control.StopRequested)
                return false;
            if (remaining > SleepThresholdTicks)
            {
                // Sleep until about a millisecond before it is due (at most 50 ms at a time, to notice a stop).
                var ms = Math.Clamp((remaining - SleepThresholdTicks / 2) * 1000 / Stopwatch.Frequency, 1, 50);
                _control.Token.WaitHandle.WaitOne((int)ms);
            }
            else if (remaining > YieldThresholdTicks)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
