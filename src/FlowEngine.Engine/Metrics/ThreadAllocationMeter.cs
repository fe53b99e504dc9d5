namespace FlowEngine.Engine.Metrics;

/// <summary>
/// Bytes allocated by one hot thread (the source or a handler thread) since warm-up, measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Per-thread measurement is exact and excludes the
/// cold side (status socket, logging), which is what "0 bytes per event" is about. Several handlers fused
/// on one thread share one meter.
/// </summary>
public sealed class ThreadAllocationMeter
{
    private readonly EngineMetrics _owner;
    private long _baseline;
    private long _allocated;
    private int _started;

    internal ThreadAllocationMeter(string name, EngineMetrics owner)
    {
        Name = name;
        _owner = owner;
    }

    /// <summary>The thread's name in reports (e.g. <c>source</c>, <c>journal</c>, <c>book+ifd</c>).</summary>
    public string Name { get; }

    /// <summary>True once measuring started (the run was warm when the thread last called <see cref="Tick"/>).</summary>
    public bool IsStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Bytes allocated by the thread since measuring started (as of its last <see cref="Tick"/>).</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocated);

    /// <summary>
    /// Call on the owning thread at the end of each batch (or every few thousand events): starts measuring
    /// once the run is warm, then updates <see cref="AllocatedBytes"/>. Costs one thread-local read; no allocation.
    /// </summary>
    public void Tick()
    {
        if (_started != 0)
        {
            Volatile.Write(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - _baseline);
            return;
        }
        if (_owner.IsWarm)
        {
            _baseline = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref _started, 1);
        }
    }
}
