using FlowEngine.Flow.Pressure;

namespace FlowEngine.Flow.Tests;

/// <summary>Keeps every window and flow event the tracker reports.</summary>
internal sealed class FlowRecorder : IFlowListener
{
    public List<FlowEvent> Events { get; } = [];
    public List<(int Length, long End, WindowStats Window)> Windows { get; } = [];

    public void OnFlowEvent(in FlowEvent flowEvent) => Events.Add(flowEvent);

    public void OnWindowsClosed(int lengthIndex, long endNs, ReadOnlySpan<WindowStats> windows)
    {
        foreach (var w in windows)
            Windows.Add((lengthIndex, endNs, w));
    }

    public List<WindowStats> Closed(int lengthIndex) => Windows.Where(w => w.Length == lengthIndex).Select(w => w.Window).ToList();
}
