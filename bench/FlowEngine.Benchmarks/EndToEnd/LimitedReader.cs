using FlowEngine.Engine.Sources;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Benchmarks.EndToEnd;

/// <summary>The first <c>limit</c> events of another reader (which keeps its position for whoever reads it next).</summary>
internal sealed class LimitedReader(IEventReader inner, long limit) : IEventReader
{
    private long _read;

    public string Description => inner.Description;

    public bool NeedsTimerTicks => inner.NeedsTimerTicks;

    public IReadOnlyCollection<InstrumentDefinition> Definitions => inner.Definitions;

    public bool Read(ref MboEvent evt)
    {
        if (_read >= limit || !inner.Read(ref evt))
            return false;
        _read++;
        return true;
    }

    public void Dispose()
    {
    }
}
