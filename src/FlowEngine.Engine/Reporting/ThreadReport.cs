namespace FlowEngine.Engine.Reporting;

/// <summary>Allocation of one hot thread since warm-up.</summary>
public sealed record ThreadReport
{
    /// <summary>Thread name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the thread was measuring (it saw the run warm).</summary>
    public bool Measuring { get; init; }

    /// <summary>Bytes the thread allocated since it started measuring.</summary>
    public long AllocatedBytes { get; init; }
}
