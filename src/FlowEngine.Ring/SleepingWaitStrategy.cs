namespace FlowEngine.Ring;

/// <summary>
/// Spins, then yields, then sleeps about a millisecond per retry. Near-zero CPU when idle and nothing for the
/// publisher to signal, at the price of up to ~1 ms latency after a quiet period. Suits cold-side consumers.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;
    private readonly int _yieldTries;

    /// <summary>Creates the strategy: <paramref name="spinTries"/> spins, then <paramref name="yieldTries"/> yields, then 1 ms sleeps.</summary>
    public SleepingWaitStrategy(int spinTries = 100, int yieldTries = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldTries);
        _spinTries = spinTries;
        _yieldTries = yieldTries;
    }

    /// <inheritdoc />
    public BlockingSignal? Signal => null;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var spins = _spinTries;
        var yields = _yieldTries;
        long available;
        while ((available = barrier.DependentValue) < sequence)
        {
            if (barrier.IsAlerted)
                break;
            if (spins > 0)
            {
                spins--;
                SpinPause.Once();
            }
            else if (yields > 0)
            {
                yields--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }
        return available;
    }
}
