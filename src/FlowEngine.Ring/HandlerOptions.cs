namespace FlowEngine.Ring;

/// <summary>Per-handler settings; anything left null takes the pipeline's default.</summary>
public sealed record HandlerOptions
{
    /// <summary>Name shown in lag metrics, fault reports and the thread name. Defaults to the handler's type name.</summary>
    public string? Name { get; init; }

    /// <summary>What to do when this handler throws. Defaults to the pipeline's default policy.</summary>
    public ExceptionPolicy? ExceptionPolicy { get; init; }
}
