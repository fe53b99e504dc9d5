namespace FlowEngine.Engine.Outputs;

/// <summary>Discards outputs, counting them: for runs without a journal (the report still counts outputs by kind).</summary>
public sealed class CountingOutputSink : IOutputSink
{
    /// <summary>Outputs seen.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload) => Count++;

    /// <inheritdoc />
    public void EndOfBatch(bool sourceIdle, long nowTicks)
    {
    }

    /// <inheritdoc />
    public void Flush()
    {
    }
}
