namespace FlowEngine.Flow.Scoring;

/// <summary>
/// Where signals go. Called on the scorer's thread, synchronously; signals are rare, but an implementation
/// on the hot path should still only copy the struct (e.g. into a bounded queue for the cold side).
/// </summary>
public interface ISignalSink
{
    /// <summary>One new signal.</summary>
    void OnSignal(in Signal signal);
}
