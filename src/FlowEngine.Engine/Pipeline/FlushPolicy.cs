using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// When a journal stage hands its partial block to the disk at the end of a ring batch. Handing off at every
/// batch end is right for a slow feed but ruinous for a paced fast one (a million one-event batches a second
/// would be a million block writes), so a partial block is handed off at a batch end only when the source says
/// it is going idle, or when the block's oldest record has waited <see cref="MaxDelay"/>. Full blocks are
/// handed off by the writer itself as soon as they fill.
/// </summary>
/// <remarks>
/// Only buffering depends on this (and so on the wall clock); what is journaled never does. A record still in
/// a partial block is not yet written, so a crash can lose it, but it is never reported as durable either.
/// </remarks>
public struct FlushPolicy
{
    /// <summary>The longest a record waits in a partial block at a batch end: 1 ms.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(1);

    private static readonly long MaxDelayTicks = (long)(MaxDelay.TotalSeconds * Stopwatch.Frequency);
    private bool _pending;
    private long _sinceTicks; // the first batch end that left records pending; 0 when not yet seen

    /// <summary>Notes that a record was appended (no clock read: the clock is read once per batch end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Appended() => _pending = true;

    /// <summary>
    /// At a batch end (<paramref name="nowTicks"/> read there): true when the pending partial block should be handed
    /// off now. The delay is counted from the first batch end that left records pending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ShouldFlush(SourceHints hints, long nowTicks)
    {
        if (!_pending)
            return false;
        if (_sinceTicks == 0)
            _sinceTicks = nowTicks;
        if ((hints & SourceHints.Idle) == 0 && nowTicks - _sinceTicks < MaxDelayTicks)
            return false;
        Reset();
        return true;
    }

    /// <summary>Forgets the pending block (after an unconditional flush).</summary>
    public void Reset()
    {
        _pending = false;
        _sinceTicks = 0;
    }
}
