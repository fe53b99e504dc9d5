namespace FlowEngine.Ring.Tests;

/// <summary>Every wait strategy by name, so theories can run a scenario under each.</summary>
internal static class Strategies
{
    public static TheoryData<string> All => new() { "busy-spin", "yielding", "sleeping", "blocking", "spin-then-block", "spin-then-block-eager" };

    public static IWaitStrategy Create(string name) => name switch
    {
        "busy-spin" => new BusySpinWaitStrategy(),
        "yielding" => new YieldingWaitStrategy(),
        "sleeping" => new SleepingWaitStrategy(spinTries: 10, yieldTries: 10),
        "blocking" => new BlockingWaitStrategy(),
        "spin-then-block" => new SpinThenBlockWaitStrategy(),
        // Parks almost at once, so the blocking path is exercised on nearly every wait.
        "spin-then-block-eager" => new SpinThenBlockWaitStrategy(spinTries: 1, yieldTries: 0),
        _ => throw new ArgumentException($"unknown strategy {name}", nameof(name)),
    };
}
