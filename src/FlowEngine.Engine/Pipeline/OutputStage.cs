using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The tail of the business chain: turns what earlier stages wrote into the slot into output records (for now
/// top-of-book changes), each tagged with the sequence of the input that caused it, and hands them to an
/// <see cref="IOutputSink"/>. Live runs journal them; parity compares them with a journal.
/// </summary>
public sealed class OutputStage : IValueEventHandler<PipelineEvent>
{
    private readonly IOutputSink _sink;
    private readonly StageProbe _probe;
    private readonly NamedCounters? _outputs;
    private readonly int _topIndex;
    private readonly byte[] _payload = new byte[TopOfBookOutput.Size];

    /// <summary>Creates the stage; outputs are counted by kind in <paramref name="outputs"/>.</summary>
    public OutputStage(IOutputSink sink, StageProbe probe, NamedCounters? outputs)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _outputs = outputs;
        _topIndex = outputs?.Register(JournalOutputKinds.Name(JournalOutputKinds.TopOfBook)) ?? -1;
    }

    /// <inheritdoc />
    public void OnEvent(ref PipelineEvent data, long sequence, bool endOfBatch)
    {
        if (data.TopChanged)
        {
            new TopOfBookOutput(data.TopInstrumentId, data.Input.TsRecv, data.Top).Write(_payload);
            _sink.Emit(JournalOutputKinds.TopOfBook, sequence, _payload);
            if (_topIndex >= 0)
                _outputs!.Increment(_topIndex);
        }
        var now = _probe.Handled(sequence, data.PublishedTicks, endOfBatch);
        if (endOfBatch)
        {
            _sink.EndOfBatch((data.Hints & SourceHints.Idle) != 0, now);
            _probe.BatchEnd();
        }
    }

    /// <inheritdoc />
    public void OnBatchStart(long batchSize, long sequence) => _probe.BatchStart(batchSize);

    /// <inheritdoc />
    public void OnShutdown() => _sink.Flush();
}
