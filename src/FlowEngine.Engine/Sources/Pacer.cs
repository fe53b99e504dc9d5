using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// Maps event time to wall time for a paced source: the first event with a usable ts_recv is published at once
/// and anchors the mapping; every later event is due at <c>anchor + (ts_recv − anchor_ts) / speed</c>. Events
/// without a usable ts_recv (F_BAD_TS_RECV snapshot records) and events earlier than the anchor are due at once.
/// Only the source thread reads the wall clock; handlers never see it.
/// </summary>
public struct Pacer
{
    private readonly double _ticksPerEventNs;
    private long _anchorTs;
    private long _anchorTicks;

    /// <summary>A pacer for <paramref name="multiplier"/>× event time (1 = real time).</summary>
    public Pacer(double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        _ticksPerEventNs = Stopwatch.Frequency / 1e9 / multiplier;
    }

    /// <summary>The Stopwatch timestamp at which <paramref name="evt"/> is due, given the time <paramref name="nowTicks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long DueTicks(in MboEvent evt, long nowTicks)
    {
        var ts = evt.TsRecv;
        if ((evt.Flags & MboFlags.BadTsRecv) != 0 || ts <= 0)
            return nowTicks;
        if (_anchorTicks == 0)
        {
            _anchorTs = ts;
            _anchorTicks = nowTicks;
            return nowTicks;
        }
        var delta = ts - _anchorTs;
        return delta <= 0 ? _anchorTicks : _anchorTicks + (long)(delta * _ticksPerEventNs);
    }
}
