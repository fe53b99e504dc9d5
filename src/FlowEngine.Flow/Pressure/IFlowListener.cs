namespace FlowEngine.Flow.Pressure;

/// <summary>
/// Receives what the <see cref="PressureTracker"/> finds, on the tracker's thread, synchronously, in input
/// order. Implementations must not allocate per call either: flow events and window closes are rare, but a
/// listener that allocates would still make the hot path collect garbage.
/// </summary>
public interface IFlowListener
{
    /// <summary>A sweep or an iceberg refill just completed.</summary>
    void OnFlowEvent(in FlowEvent flowEvent);

    /// <summary>
    /// Windows of length index <paramref name="lengthIndex"/> (into <see cref="PressureOptions.WindowLengthsNs"/>)
    /// closed at <paramref name="endNs"/>; <paramref name="windows"/> holds those with activity, sorted by
    /// instrument id. The span is only valid during the call.
    /// </summary>
    void OnWindowsClosed(int lengthIndex, long endNs, ReadOnlySpan<WindowStats> windows);
}
