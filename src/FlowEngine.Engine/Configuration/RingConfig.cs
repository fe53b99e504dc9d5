namespace FlowEngine.Engine.Configuration;

/// <summary>The <c>ring</c> section: size of the ring buffer and how its consumers wait and are threaded.</summary>
public sealed record RingConfig
{
    /// <summary>Smallest accepted ring size (slots).</summary>
    public const int MinSize = 16;

    /// <summary>Largest accepted ring size (slots): 16 Mi slots of 128 bytes is 2 GiB.</summary>
    public const int MaxSize = 1 << 24;

    /// <summary>Number of slots; a power of two so the slot index is a mask, not a division.</summary>
    public int Size { get; init; } = 65_536;

    /// <summary>How consumers wait for events.</summary>
    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.SpinThenBlock;

    /// <summary>How handlers map onto threads.</summary>
    public ThreadLayout ThreadLayout { get; init; } = ThreadLayout.Fused;

    /// <summary>
    /// Give the thread that applies the book a CPU of its own and keep the engine's other threads off it (Linux).
    /// Off by default: it only pays when the business thread's latency matters more than the other threads'
    /// share of the machine, as in a paced run with the <c>single</c> layout. See <see cref="Runs.CpuPinning"/>.
    /// </summary>
    public bool PinThreads { get; init; }
}
