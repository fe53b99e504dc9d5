namespace FlowEngine.Engine.Outputs;

/// <summary>
/// Sends every output to the run's own sink first and then to a second one (an observer such as the
/// dashboard's tap), so watching the outputs never changes what is journaled or compared.
/// </summary>
public sealed class TeeOutputSink : IOutputSink
{
    private readonly IOutputSink _primary;
    private readonly IOutputSink _secondary;

    /// <summary>Creates the tee; <paramref name="secondary"/> must return at once (it runs on the output stage's thread).</summary>
    public TeeOutputSink(IOutputSink primary, IOutputSink secondary)
    {
        _primary = primary ?? throw new ArgumentNullException(nameof(primary));
        _secondary = secondary ?? throw new ArgumentNullException(nameof(secondary));
    }

    /// <inheritdoc />
    public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        _primary.Emit(kind, inputSequence, payload);
        _secondary.Emit(kind, inputSequence, payload);
    }

    /// <inheritdoc />
    public void EndOfBatch(bool sourceIdle, long nowTicks)
    {
        _primary.EndOfBatch(sourceIdle, nowTicks);
        _secondary.EndOfBatch(sourceIdle, nowTicks);
    }

    /// <inheritdoc />
    public void Flush()
    {
        _primary.Flush();
        _secondary.Flush();
    }
}
