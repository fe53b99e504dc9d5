using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// Journals every input exactly as published, with its ring sequence, in parallel with the business chain
/// (it reads only <see cref="PipelineEvent.Input"/>). Replay and parity start from what this stage wrote.
/// </summary>
/// <remarks>
/// The stage never closes the writer: closing can fail (disk full) and the run's owner must see that, so the
/// owner closes it after the pipeline halted. At shutdown the stage only hands off its last partial block.
/// </remarks>
public sealed class InputJournalStage : IValueEventHandler<PipelineEvent>
{
    private readonly JournalWriter _writer;
    private readonly StageProbe _probe;
    private FlushPolicy _flush;

    /// <summary>Creates the stage over <paramref name="writer"/> (the run's <c>inputs/</c> journal).</summary>
    public InputJournalStage(JournalWriter writer, StageProbe probe)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
    }

    /// <inheritdoc />
    public void OnEvent(ref PipelineEvent data, long sequence, bool endOfBatch)
    {
        _writer.AppendInput(in data.Input, sequence);
        var now = _probe.Handled(sequence, data.PublishedTicks, endOfBatch);
        _flush.Appended();
        if (endOfBatch)
        {
            if (_flush.ShouldFlush(data.Hints, now))
                _writer.EndOfBatch();
            _probe.BatchEnd();
        }
    }

    /// <inheritdoc />
    public void OnBatchStart(long batchSize, long sequence) => _probe.BatchStart(batchSize);

    /// <inheritdoc />
    public void OnShutdown()
    {
        _writer.EndOfBatch();
        _flush.Reset();
    }
}
