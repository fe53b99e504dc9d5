using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// Event-time timer ticks for live sources: when an event's ts_recv reaches the next multiple of the interval
/// (since the epoch), a tick stamped with that boundary is published before the event. Ticks are journaled like
/// any input, so per-second logic sees the same ticks in replay; the tick's <see cref="MboEvent.Aux"/> is the
/// boundary's index (ts / interval).
/// </summary>
/// <remarks>
/// <para>When the input ends, <see cref="TryEndTick"/> gives one last tick at the last event time rounded up to the
/// longest window that is scored, so windows still open at the end close (and are scored and recorded into the
/// baseline) instead of being lost. The engine's source, <c>baseline build</c> and <c>baseline score</c> all tick
/// with this one clock, so a session recorded live and the same session rebuilt from its file see the same ticks.</para>
/// <para>Events flagged F_BAD_TS_RECV (snapshot records) neither start nor advance the clock: their ts_recv is not a
/// receive time. A jump of more than <see cref="MaxCatchUpTicks"/> intervals (a gap between files, a bad
/// timestamp) publishes only the latest boundary instead of flooding the ring; the clock never goes backwards.</para>
/// </remarks>
public struct TickClock
{
    /// <summary>The most ticks published for one gap in event time (one day at one tick per second).</summary>
    public const long MaxCatchUpTicks = 86_400;

    private readonly long _intervalNs;
    private long _next; // next boundary in ns; 0 until the first event with a usable ts_recv
    private long _last; // latest usable ts_recv seen

    /// <summary>A clock ticking every <paramref name="intervalNs"/> ns of event time; 0 disables ticks.</summary>
    public TickClock(long intervalNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intervalNs);
        _intervalNs = intervalNs;
    }

    /// <summary>
    /// If <paramref name="evt"/> crosses the next boundary, writes that boundary's tick into <paramref name="tick"/>
    /// and returns true; call again until false, then publish the event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTickBefore(in MboEvent evt, out MboEvent tick)
    {
        var ts = evt.TsRecv;
        if (_intervalNs == 0 || (evt.Flags & MboFlags.BadTsRecv) != 0 || ts <= 0)
        {
            tick = default;
            return false;
        }
        if (ts > _last)
            _last = ts;
        if (ts < _next)
        {
            tick = default;
            return false;
        }
        if (_next == 0)
        {
            // The first usable event starts the clock; the first tick is the boundary after it.
            _next = (ts / _intervalNs + 1) * _intervalNs;
            tick = default;
            return false;
        }
        return Emit(ts, out tick);
    }

    /// <summary>The latest usable event time seen (ns; 0 before the first).</summary>
    public readonly long LastEventNs => _last;

    /// <summary>
    /// The end-of-input tick: stamped at the last usable event time rounded up to <paramref name="unitNs"/> (the
    /// longest scored window; the tick interval when that is longer), so every window open at the end closes.
    /// False when ticks are off or no usable event was seen. Call once, after the last event.
    /// </summary>
    public bool TryEndTick(long unitNs, out MboEvent tick)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitNs);
        if (_intervalNs == 0 || _next == 0)
        {
            tick = default;
            return false;
        }
        var end = CeilTo(_last, Math.Max(unitNs, _intervalNs));
        tick = MboEvent.TimerTick(end, end / _intervalNs);
        if (end + _intervalNs > _next)
            _next = end + _intervalNs;
        return true;
    }

    /// <summary><paramref name="ts"/> rounded up to a whole multiple of <paramref name="unit"/>.</summary>
    public static long CeilTo(long ts, long unit) => ts % unit == 0 ? ts : ts - ts % unit + unit;

    private bool Emit(long ts, out MboEvent tick)
    {
        var due = (ts - _next) / _intervalNs; // boundaries due beyond the next one
        var boundary = due >= MaxCatchUpTicks ? ts / _intervalNs * _intervalNs : _next;
        tick = MboEvent.TimerTick(boundary, boundary / _intervalNs);
        _next = boundary + _intervalNs;
        return true;
    }
}
