namespace FlowEngine.Engine.Configuration;

/// <summary>How the handler chain is mapped onto threads.</summary>
public enum ThreadLayout
{
    /// <summary>The journal on one thread, every other handler fused on a second: fits a 2-core machine.</summary>
    Fused,
    /// <summary>One thread per handler: more parallelism, needs more cores than handlers.</summary>
    PerHandler,
    /// <summary>
    /// Every stage on one consumer thread (journal, then book → outputs): with a paced source spinning on one core,
    /// only two threads want a CPU, so neither is time-sliced away on a 2-core machine. Lowest latency there, less
    /// throughput than <see cref="Fused"/>.
    /// </summary>
    Single,
}
