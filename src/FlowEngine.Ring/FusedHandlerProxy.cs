namespace FlowEngine.Ring;

/// <summary>
/// Struct wrapper so the processor of a fused group is compiled for <see cref="FusedEventHandler{T}"/> and
/// calls it directly rather than through a shared-generic interface dispatch.
/// </summary>
internal readonly struct FusedHandlerProxy<T>(FusedEventHandler<T> fused) : IValueEventHandler<T> where T : struct
{
    public FusedEventHandler<T> Fused => fused;

    public void OnEvent(ref T data, long sequence, bool endOfBatch) => fused.OnEvent(ref data, sequence, endOfBatch);

    public void OnBatchStart(long batchSize, long sequence) => fused.OnBatchStart(batchSize, sequence);

    public void OnStart() => fused.OnStart();

    public void OnShutdown() => fused.OnShutdown();
}
