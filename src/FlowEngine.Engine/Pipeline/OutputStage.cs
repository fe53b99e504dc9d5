using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Flow.Scoring;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// The tail of the business chain: turns what earlier stages wrote into the slot into output records — the
/// top-of-book change (if any), then the event's IFD signals in the order the scorer produced them — each tagged
/// with the sequence of the input that caused it, and hands them to an <see cref="IOutputSink"/>. Live runs
/// journal them; parity compares them with a journal.
/// </summary>
/// <remarks>
/// A signal's payload is exactly <see cref="SignalCodec"/>'s bytes (fixed size, doubles as IEEE bits), so a
/// recomputed signal equals a journaled one only if every factor is bit-for-bit the same.
/// </remarks>
public sealed class OutputStage : IValueEventHandler<PipelineEvent>
{
    private readonly IOutputSink _sink;
    private readonly StageProbe _probe;
    private readonly NamedCounters? _outputs;
    private readonly int _topIndex;
    private readonly int _signalIndex;
    private readonly SignalQueue? _signals;
    private readonly byte[] _payload = new byte[TopOfBookOutput.Size];
    private readonly byte[] _signalPayload = new byte[SignalCodec.EncodedSize];

    /// <summary>Creates the stage; outputs are counted by kind in <paramref name="outputs"/>.</summary>
    /// <param name="sink">Where outputs go.</param>
    /// <param name="probe">Per-stage metrics.</param>
    /// <param name="outputs">Output counters by kind; optional.</param>
    /// <param name="signals">The flow stage's signal queue; null when the pipeline has no flow stage.</param>
    public OutputStage(IOutputSink sink, StageProbe probe, NamedCounters? outputs, SignalQueue? signals = null)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _outputs = outputs;
        _signals = signals;
        _topIndex = outputs?.Register(JournalOutputKinds.Name(JournalOutputKinds.TopOfBook)) ?? -1;
        _signalIndex = signals is null ? -1 : outputs?.Register(JournalOutputKinds.Name(JournalOutputKinds.Signal)) ?? -1;
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
        if (data.SignalCount > 0)
            EmitSignals(data.SignalStart, data.SignalCount, sequence);
        var now = _probe.Handled(sequence, data.PublishedTicks, endOfBatch);
        if (endOfBatch)
        {
            _sink.EndOfBatch((data.Hints & SourceHints.Idle) != 0, now);
            _probe.BatchEnd();
        }
    }

    private void EmitSignals(long start, int count, long sequence)
    {
        var queue = _signals!;
        for (var i = 0; i < count; i++)
        {
            SignalCodec.Encode(in queue.At(start + i), _signalPayload);
            _sink.Emit(JournalOutputKinds.Signal, sequence, _signalPayload);
        }
        queue.MarkConsumed(start + count);
        if (_signalIndex >= 0)
            _outputs!.Add(_signalIndex, count);
    }

    /// <inheritdoc />
    public void OnBatchStart(long batchSize, long sequence) => _probe.BatchStart(batchSize);

    /// <inheritdoc />
    public void OnShutdown() => _sink.Flush();
}
