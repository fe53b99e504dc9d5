using FlowEngine.Engine.Configuration;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>Maps the configured <see cref="WaitStrategyKind"/> to the ring's strategy.</summary>
public static class WaitStrategies
{
    /// <summary>A new strategy of <paramref name="kind"/> (each ring needs its own: blocking ones hold a signal).</summary>
    public static IWaitStrategy Create(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        WaitStrategyKind.SpinThenBlock => new SpinThenBlockWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown wait strategy"),
    };
}
