using FlowEngine.Engine.Pipeline;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Outputs;

/// <summary>Appends outputs to the run's <c>outputs/</c> journal, handing partial blocks off per <see cref="FlushPolicy"/>.</summary>
public sealed class JournalOutputSink : IOutputSink
{
    private readonly JournalWriter _writer;
    private FlushPolicy _flush;
    private long _pending;

    /// <summary>Creates the sink over <paramref name="writer"/>; its owner closes the writer after the pipeline halted.</summary>
    public JournalOutputSink(JournalWriter writer) => _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <inheritdoc />
    public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        _writer.AppendOutput(kind, inputSequence, payload);
        _pending++;
    }

    /// <inheritdoc />
    public void EndOfBatch(bool sourceIdle, long nowTicks)
    {
        if (_pending == 0)
            return;
        _flush.Appended();
        if (_flush.ShouldFlush(sourceIdle ? SourceHints.Idle : SourceHints.None, nowTicks))
        {
            _writer.EndOfBatch();
            _pending = 0;
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        _writer.EndOfBatch();
        _pending = 0;
        _flush.Reset();
    }
}
