namespace FlowEngine.Engine.Reporting;

/// <summary>Process-wide GC activity since warm-up (since start when the run never warmed).</summary>
public sealed record GcReport
{
    /// <summary>Generation 0 collections.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Generation 1 collections.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Generation 2 collections.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Bytes allocated by the whole process, cold side (status socket, logging) included.</summary>
    public long ProcessAllocatedBytes { get; init; }
}
