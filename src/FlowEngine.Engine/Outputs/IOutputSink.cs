namespace FlowEngine.Engine.Outputs;

/// <summary>
/// Where the output stage sends each output: the run's output journal, a parity comparison against a journal,
/// or a digest. Called on the output stage's thread only, in input order, without allocating.
/// </summary>
public interface IOutputSink
{
    /// <summary>One output of <paramref name="kind"/>, caused by the input at <paramref name="inputSequence"/>.</summary>
    void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload);

    /// <summary>End of a ring batch; <paramref name="sourceIdle"/> says no input follows soon, so buffered outputs should go out.</summary>
    void EndOfBatch(bool sourceIdle, long nowTicks);

    /// <summary>The pipeline is stopping: hand off anything buffered (on the output stage's thread).</summary>
    void Flush();
}
