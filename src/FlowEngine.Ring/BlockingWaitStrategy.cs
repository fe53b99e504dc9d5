namespace FlowEngine.Ring;

/// <summary>
/// Parks the processor on a monitor as soon as nothing is available. Least CPU, highest wake-up latency
/// (a futex wake, several microseconds). Publishers pay one load and a branch unless someone is parked.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly BlockingSignal _signal = new();

    /// <inheritdoc />
    public BlockingSignal? Signal => _signal;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var available = barrier.DependentValue;
        return available >= sequence || barrier.IsAlerted ? available : _signal.Park(sequence, barrier);
    }
}
