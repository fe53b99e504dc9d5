namespace FlowEngine.Engine.Metrics;

/// <summary>Process-wide garbage collector counters at one moment; the difference of two is a run's GC cost.</summary>
public readonly record struct GcSnapshot
{
    /// <summary>Generation 0 collections so far.</summary>
    public int Gen0 { get; init; }

    /// <summary>Generation 1 collections so far.</summary>
    public int Gen1 { get; init; }

    /// <summary>Generation 2 collections so far.</summary>
    public int Gen2 { get; init; }

    /// <summary>Bytes allocated by the whole process so far (all threads, cold side included).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// Reads the counters now. <paramref name="precise"/> makes the allocation count exact but suspends every
    /// managed thread while it runs (the runtime walks all allocation contexts), so use it only when the
    /// pipeline is not running; the imprecise count may miss up to one allocation context (~8 KiB) per thread.
    /// </summary>
    public static GcSnapshot Capture(bool precise) => new()
    {
        Gen0 = GC.CollectionCount(0),
        Gen1 = GC.CollectionCount(1),
        Gen2 = GC.CollectionCount(2),
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise),
    };

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public GcSnapshot Since(GcSnapshot earlier) => new()
    {
        Gen0 = Gen0 - earlier.Gen0,
        Gen1 = Gen1 - earlier.Gen1,
        Gen2 = Gen2 - earlier.Gen2,
        AllocatedBytes = AllocatedBytes - earlier.AllocatedBytes,
    };
}
