using System.Runtime.InteropServices;
using FlowEngine.Book;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// One ring slot: the input event exactly as published (and journaled), the publish timestamp for latency
/// metrics, and the fields earlier handlers write for later ones on the same event. Handlers communicate only
/// through these fields (DESIGN.md principle 3), so a slot carries everything the chain derived from its input.
/// </summary>
/// <remarks>
/// Slots are reused: every stage writes its fields on every event (also when it has nothing to say), so a
/// later stage never reads what the stage wrote for an older event in the same slot. Each field has one writer:
/// the source writes the input and its timestamps, the book stage the top-of-book fields, the flow stage the
/// signal fields. The fields are ordered (widest first) so a slot is exactly two cache lines, 128 bytes, and the
/// ring can start every slot on a line boundary: a slot that straddled lines would share one with its neighbour
/// and the source filling one would contend with a stage reading the other.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct PipelineEvent
{
    /// <summary>Size of a slot in bytes: two cache lines.</summary>
    public const int Size = 128;

    /// <summary>The input event exactly as published into the ring and journaled; no handler changes it.</summary>
    public MboEvent Input;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken just before publishing, for publish-to-handled
    /// latency metrics only: never journaled and never read by handler logic (that would make outputs depend on
    /// the wall clock).
    /// </summary>
    public long PublishedTicks;

    /// <summary>Written by the book stage with <see cref="TopChanged"/>: the new consistent top of book.</summary>
    public TopOfBook Top;

    /// <summary>
    /// Written by the flow stage: the index in its <see cref="SignalQueue"/> of the first signal this event produced
    /// (the queue's write position when there were none).
    /// </summary>
    public long SignalStart;

    /// <summary>Written by the book stage with <see cref="TopChanged"/>: the instrument whose top moved.</summary>
    public uint TopInstrumentId;

    /// <summary>
    /// Written by the flow stage: how many signals this event produced (0 almost always; 0 when there is no flow
    /// stage). One event closes at most one window per instrument and signal window, far below 65,535.
    /// </summary>
    public ushort SignalCount;

    /// <summary>What the source knows about the events after this one (not journaled; only flush decisions read it).</summary>
    public SourceHints Hints;

    /// <summary>Written by the book stage: true when this event moved an instrument's consistent top of book.</summary>
    public bool TopChanged;
}
