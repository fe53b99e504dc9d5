using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// Where a source's events come from: the simulator, DBN files, or a journal. The <see cref="SourcePump"/>
/// does the rest (timer ticks, pacing, publishing), so every source behaves the same in the ring.
/// Used by the source thread only.
/// </summary>
public interface IEventReader : IDisposable
{
    /// <summary>A short description for logs, the report and <c>run.json</c> (e.g. <c>simulator seed 42</c>).</summary>
    string Description { get; }

    /// <summary>
    /// True when the pump should publish event-time timer ticks between the events (live sources). False for a
    /// journal replay, whose ticks are already among its events.
    /// </summary>
    bool NeedsTimerTicks { get; }

    /// <summary>Instrument definitions seen so far (read after the source finished; saved as <c>instruments.dbn</c>).</summary>
    IReadOnlyCollection<InstrumentDefinition> Definitions { get; }

    /// <summary>Writes the next event into <paramref name="evt"/>; false at the end. Allocation-free per event.</summary>
    bool Read(ref MboEvent evt);
}
