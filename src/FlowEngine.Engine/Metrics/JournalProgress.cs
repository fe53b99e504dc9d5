namespace FlowEngine.Engine.Metrics;

/// <summary>
/// How far the input journal has got, as last sampled on the cold side: the highest input sequence the kernel
/// accepted (survives a crash of the process) and the highest fsynced (survives a power loss). The status
/// socket reports them so an operator, or a test that kills the engine, knows what a crash could cost. A
/// sample may lag the writer slightly, never lead it, so what it reports as durable is durable.
/// </summary>
public sealed class JournalProgress
{
    private long _written = -1;
    private long _durable = -1;

    /// <summary>Highest input sequence written to the kernel, -1 before the first block (or without a journal).</summary>
    public long WrittenSequence => Volatile.Read(ref _written);

    /// <summary>Highest input sequence fsynced, -1 before the first fsync (always -1 under durability <c>none</c>).</summary>
    public long DurableSequence => Volatile.Read(ref _durable);

    /// <summary>Records a sample read from the journal writer (cold side, one sampling thread).</summary>
    public void Update(long writtenSequence, long durableSequence)
    {
        Volatile.Write(ref _written, writtenSequence);
        Volatile.Write(ref _durable, durableSequence);
    }
}
