namespace FlowEngine.Ring;

/// <summary>
/// Thrown to a producer that needs ring capacity after the ring's consumers have stopped, so a producer
/// never waits forever on consumers that will not come back.
/// </summary>
public sealed class RingHaltedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says why the ring halted.</summary>
    public RingHaltedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the handler failure that halted the ring.</summary>
    public RingHaltedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public RingHaltedException() : base("the ring has halted") { }
}
