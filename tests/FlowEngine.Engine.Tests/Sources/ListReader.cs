using FlowEngine.Engine.Sources;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Engine.Tests.Sources;

/// <summary>A reader over a fixed list of events (a test source).</summary>
internal sealed class ListReader(IReadOnlyList<MboEvent> events, bool needsTicks) : IEventReader
{
    private int _next;

    public string Description => "list";

    public bool NeedsTimerTicks => needsTicks;

    public IReadOnlyCollection<InstrumentDefinition> Definitions => [];

    public int Position => _next;

    public bool Read(ref MboEvent evt)
    {
        if (_next >= events.Count)
            return false;
        evt = events[_next++];
        return true;
    }

    public void Dispose()
    {
    }
}
