using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Parity;

/// <summary>
/// Compares each recomputed output, in order, with the next output of a journal: kind, causing input sequence
/// and payload bytes must all match. Remembers the first difference and calls <c>onDifference</c> once (to stop
/// the replay early). Outputs caused by inputs past <see cref="CompareLimit"/> are counted, not compared: after a
/// crash the journals end at different points, and what happened past the shorter one is unknown.
/// </summary>
public sealed class ParitySink : IOutputSink, IDisposable
{
    private readonly JournalReader _expected;
    private readonly Action _onDifference;
    private bool _expectedDone;
    private bool _havePending;
    private ushort _pendingKind;
    private long _pendingSequence;
    private byte[] _pendingPayload = new byte[256];
    private int _pendingLength;

    /// <summary>Compares against the output journal in <paramref name="outputsDirectory"/>.</summary>
    public ParitySink(string outputsDirectory, long compareLimit, Action onDifference)
    {
        _expected = JournalReader.Open(outputsDirectory);
        CompareLimit = compareLimit;
        _onDifference = onDifference ?? throw new ArgumentNullException(nameof(onDifference));
    }

    /// <summary>Highest causing input sequence compared; <see cref="long.MaxValue"/> for a cleanly closed run.</summary>
    public long CompareLimit { get; }

    /// <summary>Outputs compared and found equal (or, after a difference, compared up to it).</summary>
    public long Compared { get; private set; }

    /// <summary>Recomputed outputs past <see cref="CompareLimit"/>, not compared.</summary>
    public long NotCompared { get; private set; }

    /// <summary>The first difference, or null.</summary>
    public ParityDifference? Difference { get; private set; }

    /// <inheritdoc />
    public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        if (Difference is not null)
            return;
        if (inputSequence > CompareLimit)
        {
            NotCompared++;
            return;
        }
        if (!PeekExpected())
        {
            Fail(null, new OutputRecordCopy(kind, inputSequence, payload.ToArray()));
            return;
        }
        if (_pendingKind != kind || _pendingSequence != inputSequence || !payload.SequenceEqual(_pendingPayload.AsSpan(0, _pendingLength)))
        {
            Fail(TakePending(), new OutputRecordCopy(kind, inputSequence, payload.ToArray()));
            return;
        }
        _havePending = false;
        Compared++;
    }

    /// <inheritdoc />
    public void EndOfBatch(bool sourceIdle, long nowTicks)
    {
    }

    /// <inheritdoc />
    public void Flush()
    {
    }

    /// <summary>
    /// After the replay drained: a journaled output (within the limit) that the replay did not produce is a
    /// difference too. Returns the first difference, or null for parity.
    /// </summary>
    public ParityDifference? Finish()
    {
        if (Difference is null && PeekExpected())
            Fail(TakePending(), null);
        return Difference;
    }

    /// <summary>Closes the journal.</summary>
    public void Dispose() => _expected.Dispose();

    private bool PeekExpected()
    {
        if (_havePending)
            return true;
        if (_expectedDone)
            return false;
        while (_expected.TryRead(out var record))
        {
            if (record.IsInput)
                continue;
            if (record.Sequence > CompareLimit)
                break;
            _pendingKind = record.OutputKind;
            _pendingSequence = record.Sequence;
            if (record.Payload.Length > _pendingPayload.Length)
                _pendingPayload = new byte[Math.Max(record.Payload.Length, _pendingPayload.Length * 2)];
            record.Payload.CopyTo(_pendingPayload);
            _pendingLength = record.Payload.Length;
            _havePending = true;
            return true;
        }
        _expectedDone = true;
        return false;
    }

    private OutputRecordCopy TakePending()
    {
        _havePending = false;
        return new OutputRecordCopy(_pendingKind, _pendingSequence, _pendingPayload.AsSpan(0, _pendingLength).ToArray());
    }

    private void Fail(OutputRecordCopy? expected, OutputRecordCopy? actual)
    {
        Difference = new ParityDifference { OutputIndex = Compared, Expected = expected, Actual = actual };
        _onDifference();
    }
}
