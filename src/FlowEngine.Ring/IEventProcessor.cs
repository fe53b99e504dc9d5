namespace FlowEngine.Ring;

/// <summary>
/// A loop that runs on its own thread, waits on a barrier and hands available events to its handler(s).
/// Its <see cref="Sequence"/> is what later stages and the producer track.
/// </summary>
public interface IEventProcessor
{
    /// <summary>Highest sequence this processor has finished with.</summary>
    Sequence Sequence { get; }

    /// <summary>Name used for its thread and in reports.</summary>
    string Name { get; }

    /// <summary>True from <see cref="Run"/> until the loop exits.</summary>
    bool IsRunning { get; }

    /// <summary>The failure that stopped this processor, if one did.</summary>
    HandlerFault? Fault { get; }

    /// <summary>Runs the loop on the calling thread until halted. May be called once.</summary>
    void Run();

    /// <summary>Stops at the next clean break (after the batch in hand), without draining.</summary>
    void Halt();

    /// <summary>Processes everything up to and including <paramref name="sequence"/>, then stops.</summary>
    void HaltAfter(long sequence);

    /// <summary>Blocks until the loop has called the handlers' start callbacks; false on timeout.</summary>
    bool WaitUntilStarted(TimeSpan timeout);
}
