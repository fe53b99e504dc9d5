namespace FlowEngine.Ring;

/// <summary>
/// Spins briefly, then gives its time slice away on every retry. Low latency while letting other runnable
/// threads in; still shows 100% CPU when idle.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;

    /// <summary>Creates the strategy; <paramref name="spinTries"/> pure spins come before the first yield.</summary>
    public YieldingWaitStrategy(int spinTries = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        _spinTries = spinTries;
    }

    /// <inheritdoc />
    public BlockingSignal? Signal => null;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var counter = _spinTries;
        long available;
        while ((available = barrier.DependentValue) < sequence)
        {
            if (barrier.IsAlerted)
                break;
            if (counter > 0)
            {
                counter--;
                SpinPause.Once();
            }
            else
            {
                Thread.Yield();
            }
        }
        return available;
    }
}
