namespace FlowEngine.Ring;

/// <summary>What a processor does when a handler throws.</summary>
public enum ExceptionPolicy
{
    /// <summary>
    /// Stop the whole pipeline: a handler whose state may now be wrong must not keep feeding later stages.
    /// The default.
    /// </summary>
    Halt = 0,

    /// <summary>
    /// Count the failure, report it to the exception callback, and carry on with the next event (and, in a fused
    /// group, the next handler for the same event). For handlers whose events are independent.
    /// </summary>
    LogAndContinue = 1,
}
