namespace FlowEngine.Ring;

/// <summary>
/// Consumes struct events from the ring by reference, in sequence order, on the processor's thread.
/// Shaped like Disruptor-net's value-type handler so code can move between the two with renames only.
/// </summary>
/// <typeparam name="T">The slot type; a struct so slots are pre-allocated and never boxed.</typeparam>
public interface IValueEventHandler<T> where T : struct
{
    /// <summary>
    /// Handles one event. <paramref name="endOfBatch"/> is true on the last event currently available,
    /// which is the moment to flush buffered work (e.g. a journal block) without waiting for more input.
    /// </summary>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>Called before a batch of <paramref name="batchSize"/> events starting at <paramref name="sequence"/>.</summary>
    void OnBatchStart(long batchSize, long sequence) { }

    /// <summary>Called once on the processor's thread before the first event.</summary>
    void OnStart() { }

    /// <summary>Called once on the processor's thread after the last event, during a clean halt.</summary>
    void OnShutdown() { }
}
