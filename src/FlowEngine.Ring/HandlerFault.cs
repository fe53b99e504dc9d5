namespace FlowEngine.Ring;

/// <summary>The failure that halted a pipeline: which handler, at which sequence, with what exception.</summary>
/// <param name="HandlerName">Name of the handler that threw.</param>
/// <param name="Sequence">Sequence of the event it failed on (the last processed one for start/shutdown failures).</param>
/// <param name="Exception">What it threw.</param>
public sealed record HandlerFault(string HandlerName, long Sequence, Exception Exception)
{
    /// <summary>A one-line description for logs and exception messages.</summary>
    public override string ToString() =>
        $"handler '{HandlerName}' failed at sequence {Sequence}: {Exception.GetType().Name}: {Exception.Message}";
}
