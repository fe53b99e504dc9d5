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
/// later stage never reads what the stage wrote for an older event in the same slot. New stages (pressure,
/// IFD signals) add their fields below the book's.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct PipelineEvent
{
    /// <summary>The input event exactly as published into the ring and journaled; no handler changes it.</summary>
    public MboEvent Input;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken just before publishing, for publish-to-handled
    /// latency metrics only: never journaled and never read by handler logic (that would make outputs depend on
    /// the wall clock).
    /// </summary>
    public long PublishedTicks;

    /// <summary>What the source knows about the events after this one (not journaled; only flush decisions read it).</summary>
    public SourceHints Hints;

    /// <summary>Written by the book stage: true when this event moved an instrument's consistent top of book.</summary>
    public bool TopChanged;

    /// <summary>Written by the book stage with <see cref="TopChanged"/>: the instrument whose top moved.</summary>
    public uint TopInstrumentId;

    /// <summary>Written by the book stage with <see cref="TopChanged"/>: the new consistent top of book.</summary>
    public TopOfBook Top;
}
