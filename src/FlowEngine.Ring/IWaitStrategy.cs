namespace FlowEngine.Ring;

/// <summary>
/// How a processor waits when the events it needs are not yet available. The choice trades latency
/// against CPU: busy-spin burns a core for the lowest latency; blocking frees the core but pays a wake-up.
/// </summary>
public interface IWaitStrategy
{
    /// <summary>
    /// Waits until <paramref name="barrier"/>'s dependencies reach <paramref name="sequence"/> or the barrier
    /// is alerted. Returns the highest available sequence, which is below <paramref name="sequence"/> only
    /// when the barrier was alerted.
    /// </summary>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>
    /// The park/unpark signal when this strategy can block, else null. Publishers and processors check
    /// <see cref="BlockingSignal.HasWaiters"/> after advancing a sequence and wake waiters only when there are any.
    /// </summary>
    BlockingSignal? Signal { get; }
}
