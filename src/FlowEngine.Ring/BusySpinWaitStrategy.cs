namespace FlowEngine.Ring;

/// <summary>
/// Spins on the dependencies without ever yielding: lowest latency, but it owns a core. Only for machines with
/// a core to spare per processor; never the default on a 2-core box.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public BlockingSignal? Signal => null;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.DependentValue) < sequence)
        {
            if (barrier.IsAlerted)
                break;
            SpinPause.Once();
        }
        return available;
    }
}
