using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowEngine.Market.Events;
using FlowEngine.Ring;
using Microsoft.Win32.SafeHandles;

namespace FlowEngine.Journal;

/// <summary>
/// Appends inputs and outputs to a run's journal. Built like an Aeron publication: the appending thread
/// copies each record into a pre-allocated block buffer (no allocation, no syscall, no lock), and a full
/// block — or a partial one at <see cref="EndOfBatch"/> — is handed to a dedicated disk thread that
/// compresses, checksums, writes, rolls segments and fsyncs according to the <see cref="DurabilityPolicy"/>.
/// When every buffer is in flight the appender waits: the journal never drops a record.
/// </summary>
/// <remarks>
/// Single producer: exactly one thread calls the Append methods, <see cref="EndOfBatch"/> and <see cref="Close"/>.
/// To interleave outputs with the inputs that caused them, that thread appends an input and then the outputs it
/// caused (for example a journal stage placed after the handlers that emit outputs).
/// </remarks>
public sealed class JournalWriter : IDisposable, IValueEventHandler<MboEvent>
{
    /// <summary>Under the batch policy, writeback of each megabyte starts as soon as it is written (see <see cref="NativeFile.StartWriteback"/>).</summary>
    private const long WritebackChunk = 1 << 20;

    private readonly JournalOptions _options;
    private readonly IBlockCodec _codec;
    // For blocks that also hold outputs: records of varying size, which a fixed-stride transposition would scatter.
    private readonly IBlockCodec _mixedCodec;
    private readonly int _blockCapacity;
    private readonly int _maxPayload;
    private readonly int _bufferCount;
    private readonly JournalHeader _headerTemplate;

    // Appending thread only.
    private readonly byte[][] _buffers;
    private readonly PendingBlock[] _pending;
    private byte[] _current;
    private int _position;
    private int _recordCount;
    private int _inputCount;
    private long _firstSequence;
    private long _lastSequence;
    private long _minTsRecv;
    private long _maxTsRecv;
    private long _handedOff;
    private bool _closed;

    // Shared between the two threads.
    private PaddedLong _published;
    private PaddedLong _consumed;
    private PaddedLong _writtenSequence;
    private PaddedLong _durableSequence;
    private int _writerSleeping;
    private int _appenderSleeping;
    // The disk thread's wake-up blocks at once (no spin-and-yield phase, as SemaphoreSlim has): on a 2-core
    // machine a waiting disk thread that yields in a loop keeps preempting the paced source on its CPU. It sets
    // its "sleeping" flag before waiting and resets the event after waking, then re-checks the counters, so a set
    // that races with a timeout loses nothing.
    private readonly ManualResetEventSlim _writerWake = new(false, spinCount: 0);
    // The appender (a hot thread) waits only when every block buffer is full, which may first happen after
    // warm-up: a ManualResetEventSlim allocates at its first wait, a SemaphoreSlim does not.
    private readonly SemaphoreSlim _appenderWake = new(0);
    private volatile bool _closing;
    private volatile Exception? _fault;
    private readonly Thread _thread;

    // Disk thread only (after the constructor).
    private SafeFileHandle _segment;
    private int _segmentIndex;
    private long _segmentLength;
    private long _segmentRecords;
    private long _nextBlockNumber;
    private readonly List<BlockIndexEntry> _index = new(1024);
    private readonly byte[] _staging;
    private long _maxWritten = -1;
    private bool _unsynced;
    private long _lastSyncTimestamp;
    private long _writebackFrom;
    private long _blocksWritten;
    private long _rawBytes;
    private long _storedBytes;
    private int _segmentsCreated;

    /// <summary>
    /// Creates <c>Root/RunId/</c>, writes the first segment header and starts the disk thread. Refuses a
    /// directory that already holds a journal: a run never overwrites another.
    /// </summary>
    public JournalWriter(JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        RunDirectory = Path.GetFullPath(options.RunDirectory);
        Directory.CreateDirectory(RunDirectory);
        if (Directory.EnumerateFiles(RunDirectory, JournalFormat.SegmentPattern).Any())
            throw new IOException($"{RunDirectory} already holds a journal; a run never overwrites another (choose a new run id)");

        string? warning = null;
        _codec = options.CodecOverride
            ?? (options.Lz4Loader is { } loader
                ? BlockCodecs.ForWriting(options.Compression, loader, out warning)
                : BlockCodecs.ForWriting(options.Compression, out warning));
        _mixedCodec = _codec is Lz4TransposedBlockCodec transposed ? transposed.Plain : _codec;
        CompressionWarning = warning;

        _blockCapacity = options.BlockSize;
        _maxPayload = options.MaxOutputPayload;
        _bufferCount = options.BlockBuffers;
        _buffers = new byte[_bufferCount][];
        for (var i = 0; i < _bufferCount; i++)
            _buffers[i] = GC.AllocateArray<byte>(_blockCapacity, pinned: true);
        _pending = new PendingBlock[_bufferCount];
        _current = _buffers[0];
        ResetBlock();
        _staging = GC.AllocateArray<byte>(
            JournalFormat.BlockHeaderSize + Math.Max(_codec.MaxCompressedLength(_blockCapacity), _blockCapacity), pinned: true);
        _writtenSequence.Value = -1;
        _durableSequence.Value = -1;

        _headerTemplate = new JournalHeader
        {
            RunId = options.RunId,
            // The one wall-clock read of the journal: for people, never part of compared output.
            CreatedUnixNanos = options.CreatedUnixNanos ?? (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100,
            EngineVersion = options.EngineVersion,
            ConfigHash = options.ConfigHash,
            Compression = _codec.Id,
            Lz4Version = _codec.Id is BlockCodecId.Lz4 or BlockCodecId.Lz4Transposed ? Lz4BlockCodec.LibraryVersion : 0,
            Durability = options.Durability,
            BlockSize = options.BlockSize,
            MaxOutputPayload = options.MaxOutputPayload,
            SegmentSize = options.SegmentSize,
        };
        Header = _headerTemplate;
        _segment = CreateSegment(0, 0);
        _segmentLength = JournalFormat.HeaderSize;
        if (options.Durability != DurabilityPolicy.None)
            NativeFile.SyncDirectory(Path.GetDirectoryName(RunDirectory)!);
        _lastSyncTimestamp = Stopwatch.GetTimestamp();

        _thread = new Thread(RunDiskThread) { IsBackground = true, Name = "journal-writer" };
        _thread.Start();
    }

    /// <summary>The run directory (absolute).</summary>
    public string RunDirectory { get; }

    /// <summary>The header fields every segment of this run carries (segment 0's values).</summary>
    public JournalHeader Header { get; }

    /// <summary>
    /// Null when blocks are written as requested; otherwise one line saying LZ4 was requested but liblz4
    /// could not be loaded, so blocks are written uncompressed. The caller logs it once.
    /// </summary>
    public string? CompressionWarning { get; }

    /// <summary>
    /// Highest sequence whose block the kernel has accepted (write returned): survives a crash of this
    /// process, not a power loss. -1 before the first block.
    /// </summary>
    public long WrittenSequence => Volatile.Read(ref _writtenSequence.Value);

    /// <summary>
    /// Highest sequence fsynced to stable storage: everything up to it survives a power loss. Advances only
    /// under <see cref="DurabilityPolicy.Batch"/> and <see cref="DurabilityPolicy.Always"/>; stays -1 under None.
    /// </summary>
    public long DurableSequence => Volatile.Read(ref _durableSequence.Value);

    /// <summary>Blocks written so far.</summary>
    public long BlocksWritten => Volatile.Read(ref _blocksWritten);

    /// <summary>Raw record bytes written so far (before compression).</summary>
    public long RawBytesWritten => Volatile.Read(ref _rawBytes);

    /// <summary>Bytes written for blocks (headers plus stored payloads), so RawBytesWritten / StoredBytesWritten is the compression ratio.</summary>
    public long StoredBytesWritten => Volatile.Read(ref _storedBytes);

    /// <summary>Segments created so far.</summary>
    public int SegmentsCreated => Volatile.Read(ref _segmentsCreated);

    /// <summary>
    /// Appends one input event exactly as published, with its ring sequence. Copies 80 bytes into the
    /// current block; allocation-free.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInput(in MboEvent input, long sequence)
    {
        if (_closed)
            ThrowClosed();
        if (_position + JournalFormat.InputRecordSize > _blockCapacity)
            HandOff();
        ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_current), _position);
        Unsafe.WriteUnaligned(ref dst, JournalFormat.InputHeaderWord);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 8), sequence);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, JournalFormat.RecordHeaderSize), input);
        _position += JournalFormat.InputRecordSize;
        Track(sequence);
        _inputCount++;
        var ts = input.TsRecv;
        if (ts < _minTsRecv)
            _minTsRecv = ts;
        if (ts > _maxTsRecv)
            _maxTsRecv = ts;
    }

    /// <summary>
    /// Appends one output: its <paramref name="kind"/> (see <see cref="JournalOutputKinds"/>), the sequence
    /// of the input that caused it, and up to <see cref="JournalOptions.MaxOutputPayload"/> payload bytes.
    /// </summary>
    public void AppendOutput(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        if (_closed)
            ThrowClosed();
        if ((uint)payload.Length > (uint)_maxPayload)
            ThrowPayloadTooLarge(payload.Length);
        var size = JournalFormat.RecordSize(payload.Length);
        if (_position + size > _blockCapacity)
            HandOff();
        ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_current), _position);
        Unsafe.WriteUnaligned(ref dst, JournalFormat.OutputRecordType | ((ulong)kind << 16) | ((ulong)(uint)payload.Length << 32));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 8), inputSequence);
        var body = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dst, JournalFormat.RecordHeaderSize), size - JournalFormat.RecordHeaderSize);
        payload.CopyTo(body);
        // Buffers are reused: zero the padding so the journal's bytes depend only on what was appended.
        body[payload.Length..].Clear();
        _position += size;
        Track(inputSequence);
    }

    /// <summary>
    /// The ring's end of batch: hands the partial block to the disk so nothing waits for more input to be
    /// written. A no-op when the current block is empty.
    /// </summary>
    public void EndOfBatch()
    {
        if (_recordCount > 0)
            HandOff();
    }

    /// <summary>Ring handler entry: journals the event and flushes at the end of the batch.</summary>
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch)
    {
        AppendInput(in data, sequence);
        if (endOfBatch)
            EndOfBatch();
    }

    /// <summary>Ring handler entry at a clean halt: hands any partial block to the disk (Close finishes the run).</summary>
    public void OnShutdown() => EndOfBatch();

    /// <summary>
    /// Flushes the last block, writes the segment's index and trailer, fsyncs (unless the policy is None)
    /// and stops the disk thread. Throws an <see cref="IOException"/> if any write failed, so a lost
    /// journal never goes unnoticed.
    /// </summary>
    public void Close()
    {
        if (_closed)
            return;
        Exception? flushFault = null;
        try
        {
            if (_fault is null && _recordCount > 0)
                HandOff();
        }
        catch (IOException ex)
        {
            flushFault = ex;
        }
        _closed = true;
        _closing = true;
        _writerWake.Set();
        _thread.Join();
        _writerWake.Dispose();
        _appenderWake.Dispose();
        if (_fault is { } fault)
            throw new IOException($"journal {RunDirectory}: writing failed: {fault.Message}", fault);
        if (flushFault is not null)
            throw flushFault;
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Track(long sequence)
    {
        if (_recordCount == 0)
            _firstSequence = sequence;
        if (sequence > _lastSequence)
            _lastSequence = sequence;
        _recordCount++;
    }

    private void ResetBlock()
    {
        _position = 0;
        _recordCount = 0;
        _inputCount = 0;
        _firstSequence = 0;
        _lastSequence = long.MinValue;
        _minTsRecv = long.MaxValue;
        _maxTsRecv = long.MinValue;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandOff()
    {
        if (_fault is { } fault)
            ThrowFault(fault);
        var slot = (int)(_handedOff % _bufferCount);
        ref var meta = ref _pending[slot];
        meta.RawLength = _position;
        meta.RecordCount = _recordCount;
        meta.InputCount = _inputCount;
        meta.FirstSequence = _firstSequence;
        meta.LastSequence = _lastSequence;
        meta.MinTsRecv = _minTsRecv;
        meta.MaxTsRecv = _maxTsRecv;
        _handedOff++;
        // A full fence: the publish must be visible before we read the writer's sleeping flag (Dekker).
        Interlocked.Exchange(ref _published.Value, _handedOff);
        WakeWriter();
        if (_handedOff - Volatile.Read(ref _consumed.Value) >= _bufferCount)
            WaitForFreeBuffer();
        _current = _buffers[_handedOff % _bufferCount];
        ResetBlock();
    }

    private void WakeWriter()
    {
        if (Volatile.Read(ref _writerSleeping) != 0 && Interlocked.Exchange(ref _writerSleeping, 0) != 0)
            _writerWake.Set();
    }

    private void WaitForFreeBuffer()
    {
        var spin = new SpinWait();
        while (_handedOff - Volatile.Read(ref _consumed.Value) >= _bufferCount)
        {
            if (_fault is { } fault)
                ThrowFault(fault);
            if (spin.Count < 30)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Exchange(ref _appenderSleeping, 1);
            if (_handedOff - Volatile.Read(ref _consumed.Value) < _bufferCount || _fault is not null)
            {
                Volatile.Write(ref _appenderSleeping, 0);
                continue;
            }
            // The timeout bounds the cost of a lost wake-up; the loop re-checks the counter and faults.
            _appenderWake.Wait(20);
        }
    }

    private void RunDiskThread()
    {
        try
        {
            long consumed = 0;
            var batchTicks = (long)(_options.BatchSyncInterval.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var published = Volatile.Read(ref _published.Value);
                if (consumed < published)
                {
                    // Write what is queued (bounded, so one fsync never waits behind an endless group).
                    var group = 0;
                    while (consumed < published && group < _bufferCount)
                    {
                        WriteBlock((int)(consumed % _bufferCount));
                        consumed++;
                        group++;
                        Interlocked.Exchange(ref _consumed.Value, consumed);
                        if (Volatile.Read(ref _appenderSleeping) != 0 && Interlocked.Exchange(ref _appenderSleeping, 0) != 0)
                            _appenderWake.Release();
                    }
                    Volatile.Write(ref _writtenSequence.Value, _maxWritten);
                    if (_options.Durability == DurabilityPolicy.Always ||
                        (_options.Durability == DurabilityPolicy.Batch && Stopwatch.GetTimestamp() - _lastSyncTimestamp >= batchTicks))
                        Sync();
                    continue;
                }
                if (_closing && consumed == Volatile.Read(ref _published.Value))
                    break;
                var timeout = Timeout.Infinite;
                if (_unsynced && _options.Durability == DurabilityPolicy.Batch)
                {
                    var due = _lastSyncTimestamp + batchTicks - Stopwatch.GetTimestamp();
                    if (due <= 0)
                    {
                        Sync();
                        continue;
                    }
                    timeout = (int)Math.Max(1, due * 1000 / Stopwatch.Frequency);
                }
                Interlocked.Exchange(ref _writerSleeping, 1);
                if (consumed < Volatile.Read(ref _published.Value) || _closing)
                {
                    Volatile.Write(ref _writerSleeping, 0);
                    continue;
                }
                _writerWake.Wait(timeout);
                _writerWake.Reset();
                Volatile.Write(ref _writerSleeping, 0);
            }
            FinishSegment(SegmentTrailerFlags.Final);
            if (_options.Durability != DurabilityPolicy.None)
                Volatile.Write(ref _durableSequence.Value, _maxWritten);
        }
        catch (Exception ex)
        {
            _fault = ex;
            if (Interlocked.Exchange(ref _appenderSleeping, 0) != 0)
                _appenderWake.Release();
        }
    }

    private void WriteBlock(int slot)
    {
        ref var meta = ref _pending[slot];
        var raw = _buffers[slot].AsSpan(0, meta.RawLength);
        var payload = _staging.AsSpan(JournalFormat.BlockHeaderSize);
        var codec = BlockCodecId.None;
        var stored = 0;
        if (_codec.Id != BlockCodecId.None)
        {
            var blockCodec = meta.InputCount == meta.RecordCount ? _codec : _mixedCodec;
            stored = blockCodec.Compress(raw, payload);
            if (stored > 0 && stored < raw.Length)
                codec = blockCodec.Id;
            else
                stored = 0;
        }
        if (stored == 0)
        {
            raw.CopyTo(payload);
            stored = raw.Length;
        }
        var total = JournalFormat.BlockHeaderSize + stored;
        if (_index.Count > 0 && _segmentLength + total > _options.SegmentSize)
            Roll();
        var header = new BlockHeader
        {
            Codec = codec,
            BlockNumber = _nextBlockNumber,
            RecordCount = meta.RecordCount,
            InputCount = meta.InputCount,
            StoredLength = stored,
            RawLength = meta.RawLength,
            FirstSequence = meta.FirstSequence,
            LastSequence = meta.LastSequence,
            MinTsRecv = meta.MinTsRecv,
            MaxTsRecv = meta.MaxTsRecv,
            PayloadCrc = Crc32C.Compute(payload[..stored]),
        };
        header.Write(_staging);
        RandomAccess.Write(_segment, _staging.AsSpan(0, total), _segmentLength);
        _index.Add(BlockIndexEntry.From(_segmentLength, header));
        _segmentLength += total;
        _segmentRecords += meta.RecordCount;
        if (_options.Durability == DurabilityPolicy.Batch && _segmentLength - _writebackFrom >= WritebackChunk)
        {
            NativeFile.StartWriteback(_segment, _writebackFrom, _segmentLength - _writebackFrom);
            _writebackFrom = _segmentLength;
        }
        _nextBlockNumber++;
        _unsynced = true;
        if (meta.LastSequence > _maxWritten)
            _maxWritten = meta.LastSequence;
        Volatile.Write(ref _blocksWritten, _blocksWritten + 1);
        Volatile.Write(ref _rawBytes, _rawBytes + meta.RawLength);
        Volatile.Write(ref _storedBytes, _storedBytes + total);
    }

    private void Sync()
    {
        RandomAccess.FlushToDisk(_segment);
        _unsynced = false;
        _lastSyncTimestamp = Stopwatch.GetTimestamp();
        Volatile.Write(ref _durableSequence.Value, _maxWritten);
    }

    /// <summary>
    /// Opens the next segment before closing the current one, so at every instant the newest segment file
    /// is the one being written; a crash in between leaves an unclosed (scannable) segment, never a gap.
    /// </summary>
    private void Roll()
    {
        var next = CreateSegment(_segmentIndex + 1, _nextBlockNumber);
        FinishSegment(SegmentTrailerFlags.Rolled);
        if (_options.Durability != DurabilityPolicy.None)
            Volatile.Write(ref _durableSequence.Value, _maxWritten);
        _segment = next;
        _segmentIndex++;
        _segmentLength = JournalFormat.HeaderSize;
        _writebackFrom = 0;
        _segmentRecords = 0;
        _index.Clear();
    }

    private SafeFileHandle CreateSegment(int index, long firstBlockNumber)
    {
        var path = Path.Combine(RunDirectory, JournalFormat.SegmentFileName(index));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            Span<byte> header = stackalloc byte[JournalFormat.HeaderSize];
            (_headerTemplate with { SegmentIndex = index, FirstBlockNumber = firstBlockNumber }).Write(header);
            RandomAccess.Write(handle, header, 0);
            if (_options.Durability != DurabilityPolicy.None)
            {
                RandomAccess.FlushToDisk(handle);
                NativeFile.SyncDirectory(RunDirectory);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        Volatile.Write(ref _segmentsCreated, _segmentsCreated + 1);
        return handle;
    }

    /// <summary>Writes the index and trailer after the last block, fsyncs per policy and closes the file.</summary>
    private void FinishSegment(SegmentTrailerFlags flags)
    {
        var count = _index.Count;
        var bytes = new byte[JournalFormat.IndexHeaderSize + count * JournalFormat.IndexEntrySize + JournalFormat.TrailerSize];
        var entries = bytes.AsSpan(JournalFormat.IndexHeaderSize, count * JournalFormat.IndexEntrySize);
        for (var i = 0; i < count; i++)
            _index[i].Write(entries[(i * JournalFormat.IndexEntrySize)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, JournalFormat.IndexMagic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Crc32C.Compute(entries));
        JournalFormat.SealCrc(bytes.AsSpan(0, JournalFormat.IndexHeaderSize), 12);
        new SegmentTrailer(_segmentLength, _segmentRecords, count, flags).Write(bytes.AsSpan(bytes.Length - JournalFormat.TrailerSize));
        RandomAccess.Write(_segment, bytes, _segmentLength);
        if (_options.Durability != DurabilityPolicy.None)
        {
            RandomAccess.FlushToDisk(_segment);
            _unsynced = false;
            _lastSyncTimestamp = Stopwatch.GetTimestamp();
        }
        _segment.Dispose();
    }

    private static void ThrowClosed() => throw new ObjectDisposedException(nameof(JournalWriter), "the journal writer is closed");

    private void ThrowPayloadTooLarge(int length) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"journal output payload of {length} bytes exceeds the maximum of {_maxPayload}");

    private void ThrowFault(Exception fault) =>
        throw new IOException($"journal {RunDirectory}: writing failed: {fault.Message}", fault);
}
