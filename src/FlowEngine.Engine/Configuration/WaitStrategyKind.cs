namespace FlowEngine.Engine.Configuration;

/// <summary>How ring consumers wait for the next event; trades latency against CPU burned while idle.</summary>
public enum WaitStrategyKind
{
    /// <summary>Spin without yielding: lowest latency, one full core per waiting thread. Never the default.</summary>
    BusySpin,
    /// <summary>Spin, then <c>Thread.Yield</c>: low latency, still busy.</summary>
    Yielding,
    /// <summary>Spin, yield, then short sleeps: cheap when idle, slower to wake.</summary>
    Sleeping,
    /// <summary>Block on a lock/condition: cheapest when idle, highest wake-up latency.</summary>
    Blocking,
    /// <summary>Spin briefly, then block: near-spin latency under load without owning a core when idle (2-core default).</summary>
    SpinThenBlock,
}
