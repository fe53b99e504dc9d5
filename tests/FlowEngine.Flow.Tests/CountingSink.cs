using FlowEngine.Flow.Scoring;

namespace FlowEngine.Flow.Tests;

/// <summary>Counts signals without storing them: the allocation-free sink for allocation tests.</summary>
internal sealed class CountingSink : ISignalSink
{
    public long Count;
    public SignalGrade Best;

    public void OnSignal(in Signal signal)
    {
        Count++;
        if (signal.Grade > Best)
            Best = signal.Grade;
    }
}
