using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Reads DBN from a live byte stream through System.IO.Pipelines, with the same decoding, counters and
/// errors as <see cref="DbnFileReader"/>. An async method cannot fill a <c>ref</c> event, so reading is split
/// the way channels do it: <see cref="WaitToReadAsync"/> awaits input, then <see cref="TryRead"/> drains every
/// complete buffered record synchronously and allocation-free:
/// <code>while (await reader.WaitToReadAsync(ct)) while (reader.TryRead(ref evt)) Publish(ref evt);</code>
/// Bytes are copied once from the pipe into a reused buffer so records that straddle pipe segments decode
/// like any other. Single consumer.
/// </summary>
public sealed class DbnStreamReader : IAsyncDisposable, IDisposable
{
    private readonly DbnDecoderCore _core;
    private readonly PipeReader _pipe;
    private bool _completed;

    private DbnStreamReader(DbnDecoderCore core, PipeReader pipe)
    {
        _core = core;
        _pipe = pipe;
    }

    /// <summary>The stream's metadata.</summary>
    public DbnMetadata Metadata => _core.Metadata!;

    /// <summary>Latest definition per instrument id read so far.</summary>
    public IReadOnlyDictionary<uint, InstrumentDefinition> Definitions => _core.Definitions;

    /// <summary>The same definitions as an <see cref="InstrumentRegistry"/>.</summary>
    public InstrumentRegistry Registry => _core.Definitions;

    /// <summary>Records consumed so far, of every rtype.</summary>
    public long RecordsRead => _core.RecordsRead;

    /// <summary>MBO records delivered so far.</summary>
    public long MboRecordsRead => _core.MboCount;

    /// <summary>Records of rtypes other than MBO and definition, skipped.</summary>
    public long SkippedRecords => _core.SkippedCount;

    /// <summary>Stream offset of the next record.</summary>
    public long Position => _core.Position;

    /// <summary>The source name used in messages.</summary>
    public string SourceName => _core.Source;

    /// <summary>The gateway send time (ts_out) of the last record returned; 0 when the stream has no ts_out.</summary>
    public ulong LastTsOut => _core.LastTsOut;

    /// <summary>Reads the prelude and metadata from <paramref name="pipe"/>; the reader then owns (completes) the pipe.</summary>
    public static async ValueTask<DbnStreamReader> OpenAsync(PipeReader pipe, string sourceName,
        DbnReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        var reader = new DbnStreamReader(new DbnDecoderCore(sourceName, options ?? DbnReaderOptions.Default, null), pipe);
        try
        {
            while (!reader._core.TryReadMetadata(reader._completed))
                await reader.FillAsync(cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads DBN from a stream (e.g. a socket's NetworkStream) through a PipeReader.</summary>
    public static ValueTask<DbnStreamReader> OpenAsync(Stream stream, string sourceName,
        DbnReaderOptions? options = null, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: leaveOpen));
        return OpenAsync(pipe, sourceName, options, cancellationToken);
    }

    /// <summary>
    /// Takes the next complete buffered MBO record (or definition event) without waiting. False when no
    /// complete record is buffered: call <see cref="WaitToReadAsync"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(ref MboEvent evt)
    {
        var core = _core;
        var pos = core.Pos;
        var length = core.MboLength;
        if (core.End - pos >= length)
        {
            ref var record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(core.Buffer), pos);
            if (Unsafe.Add(ref record, 1) == DbnRType.Mbo && record * 4 == length)
            {
                DbnMboCodec.Decode(ref record, ref evt);
                if (core.TsOut)
                    core.LastTsOut = BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref record, DbnFormat.MboRecordLength), 8));
                core.Pos = pos + length;
                core.MboCount++;
                return true;
            }
        }

        return core.TryDecode(ref evt);
    }

    /// <summary>
    /// Waits until a complete record is buffered (true) or the stream ended cleanly (false). Throws
    /// <see cref="DbnFormatException"/> when the stream ends inside a record.
    /// </summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (HasCompleteRecord())
                return true;
            if (_completed)
            {
                _core.ThrowIfPartial();
                return false;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Skipped records per rtype (only rtypes that occurred), for reports.</summary>
    public IReadOnlyDictionary<byte, long> SkippedByRType() => _core.SkippedByRType();

    private bool HasCompleteRecord()
    {
        var available = _core.End - _core.Pos;
        if (available == 0)
            return false;
        var length = _core.Buffer[_core.Pos] * 4;
        // A bad length byte counts as "complete" so that TryRead reports it instead of waiting forever.
        return length < DbnFormat.RecordHeaderLength || available >= length;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
            throw new OperationCanceledException("reading " + _core.Source + " was cancelled");
        var buffer = result.Buffer;
        var space = _core.PrepareFill();
        var take = (int)Math.Min(space.Length, buffer.Length);
        buffer.Slice(0, take).CopyTo(space);
        _core.CommitFill(take);
        var consumed = buffer.GetPosition(take);
        _pipe.AdvanceTo(consumed, take == buffer.Length ? buffer.End : consumed);
        if (result.IsCompleted && take == buffer.Length)
            _completed = true;
    }

    /// <summary>Completes the pipe (closing a stream it was created over unless told to leave it open).</summary>
    public async ValueTask DisposeAsync()
    {
        await _pipe.CompleteAsync().ConfigureAwait(false);
        _core.ReleaseBuffer();
    }

    /// <summary>Completes the pipe synchronously.</summary>
    public void Dispose()
    {
        _pipe.Complete();
        _core.ReleaseBuffer();
    }
}
