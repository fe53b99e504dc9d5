using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Journal;

/// <summary>
/// Reads a run's records in the order they were appended, inputs and outputs interleaved, across segments.
/// Every block is checked (header CRC, payload CRC, decompression, record framing, block numbering, the
/// footer index) before any of its records is returned. Damage is an error naming segment, byte offset,
/// block and kind — unless <see cref="JournalReadOptions.SkipBadBlocks"/> is set, in which case the reader
/// steps over it and records exactly what it skipped in <see cref="Problems"/>. No byte pattern makes it
/// crash or loop: every step moves forward, and every length read from disk is bounded before it is used.
/// </summary>
public sealed class JournalReader : IDisposable
{
    private const int MinWindow = 1 << 20;

    private readonly JournalReadOptions _options;
    private readonly List<SegmentState> _segments;
    private readonly List<JournalProblem> _problems = [];
    private IBlockCodec? _blockCodec;
    private bool _disposed;

    // Cursor.
    private int _segmentOrdinal;
    private long _offset;
    private long _expectedBlock = -1;
    private int _blockOrdinal;
    private bool _segmentFromStart = true;
    private bool _segmentClean = true;
    private long _segmentRecords;

    // Current block.
    private byte[] _raw = [];
    private int _recordPosition;
    private int _recordsLeft;

    // Read window over the current segment, so small compressed blocks cost one read per megabyte, not two per block.
    private byte[] _window = [];
    private SegmentState? _windowSegment;
    private long _windowStart;
    private int _windowLength;

    private JournalReader(string runDirectory, List<SegmentState> segments, JournalReadOptions options)
    {
        RunDirectory = runDirectory;
        _segments = segments;
        _options = options;
        Segments = segments.ConvertAll(s => s.FileName);
        Header = FirstReadableHeader(segments);
    }

    /// <summary>Opens the run in <paramref name="runDirectory"/> (the folder holding <c>segment-NNNNNN.fej</c> files).</summary>
    public static JournalReader Open(string runDirectory, JournalReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var dir = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"journal directory not found: {dir}");
        var segments = new List<SegmentState>();
        foreach (var file in Directory.EnumerateFiles(dir, JournalFormat.SegmentPattern))
        {
            if (JournalFormat.TryParseSegmentFileName(Path.GetFileName(file), out var index))
                segments.Add(new SegmentState(file, index));
        }
        if (segments.Count == 0)
            throw new InvalidDataException(NoSegmentsMessage(dir));
        segments.Sort((a, b) => a.Index.CompareTo(b.Index));
        var expected = 0;
        foreach (var segment in segments)
        {
            for (; expected < segment.Index; expected++)
                segment.MissingBefore.Add(expected);
            expected = segment.Index + 1;
        }
        segments[^1].IsLast = true;
        return new JournalReader(dir, segments, options ?? new JournalReadOptions());
    }

    /// <summary>The run directory (absolute).</summary>
    public string RunDirectory { get; }

    /// <summary>The header of the first segment whose header is readable; null when none is.</summary>
    public JournalHeader? Header { get; }

    /// <summary>Segment file names present in the run, in order.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Damage the reader skipped (only with <see cref="JournalReadOptions.SkipBadBlocks"/>), in the order met.</summary>
    public IReadOnlyList<JournalProblem> Problems => _problems;

    /// <summary>Good blocks read so far.</summary>
    public long BlocksRead { get; private set; }

    /// <summary>Records returned so far.</summary>
    public long RecordsRead { get; private set; }

    internal IJournalBlockObserver? Observer { get; set; }

    internal SegmentState? CurrentSegment => _segmentOrdinal < _segments.Count ? _segments[_segmentOrdinal] : null;

    /// <summary>
    /// Reads the next record; false at the end of the journal. The record is a view into the reader's
    /// buffer and is valid until the next call.
    /// </summary>
    public bool TryRead(out JournalRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_recordsLeft == 0 && !LoadNextBlock())
        {
            record = default;
            return false;
        }
        record = ReadRecordAt(_recordPosition, out var size);
        _recordPosition += size;
        _recordsLeft--;
        RecordsRead++;
        return true;
    }

    /// <summary>
    /// Positions the reader at the first record whose sequence is at least <paramref name="sequence"/> (an
    /// input's own sequence, an output's causing sequence), using the segment indexes. False when there is none.
    /// </summary>
    public bool SeekToSequence(long sequence) => Seek(SeekMode.Sequence, sequence);

    /// <summary>
    /// Positions the reader at the first input whose ts_recv is at least <paramref name="tsRecv"/> (ns since
    /// the epoch). False when there is none.
    /// </summary>
    public bool SeekToTsRecv(long tsRecv) => Seek(SeekMode.TsRecv, tsRecv);

    /// <summary>Closes the segment files.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var segment in _segments)
        {
            segment.Handle?.Dispose();
            segment.Handle = null;
        }
    }

    private enum SeekMode
    {
        Sequence,
        TsRecv,
    }

    private bool Seek(SeekMode mode, long target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _recordsLeft = 0;
        for (var ordinal = 0; ordinal < _segments.Count; ordinal++)
        {
            var segment = _segments[ordinal];
            _segmentOrdinal = ordinal;
            if (!segment.Opened)
            {
                // Seeking does not check block continuity between segments; sequential reads do.
                _expectedBlock = -1;
                OpenSegment(segment);
            }
            if (segment.Unusable)
                continue;
            var entries = (IReadOnlyList<BlockIndexEntry>?)segment.FooterIndex ?? (segment.ScannedIndex ??= ScanIndex(segment));
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                var hit = mode == SeekMode.Sequence
                    ? e.LastSequence >= target
                    : e.InputCount > 0 && e.MaxTsRecv >= target;
                if (!hit)
                    continue;
                _offset = e.Offset;
                _expectedBlock = e.BlockNumber;
                _blockOrdinal = i;
                _segmentFromStart = false;
                return AdvanceTo(mode, target);
            }
        }
        _segmentOrdinal = _segments.Count;
        return false;
    }

    /// <summary>Consumes records until the next one matches; the index only narrows where to start.</summary>
    private bool AdvanceTo(SeekMode mode, long target)
    {
        while (true)
        {
            if (_recordsLeft == 0 && !LoadNextBlock())
                return false;
            var record = ReadRecordAt(_recordPosition, out var size);
            var match = mode == SeekMode.Sequence
                ? record.Sequence >= target
                : record.IsInput && record.Input.TsRecv >= target;
            if (match)
                return true;
            _recordPosition += size;
            _recordsLeft--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private JournalRecord ReadRecordAt(int position, out int size)
    {
        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_raw), position);
        var word = Unsafe.ReadUnaligned<ulong>(ref p);
        var sequence = Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref p, 8));
        var length = (int)(word >> 32);
        size = JournalFormat.RecordSize(length);
        return new JournalRecord((JournalRecordType)(ushort)word, (ushort)(word >> 16), sequence,
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref p, JournalFormat.RecordHeaderSize), length));
    }

    /// <summary>Moves to the next good block; false at the end of the journal.</summary>
    private bool LoadNextBlock()
    {
        while (_segmentOrdinal < _segments.Count)
        {
            var segment = _segments[_segmentOrdinal];
            if (!segment.Opened)
            {
                OpenSegment(segment);
                _offset = JournalFormat.HeaderSize;
                _blockOrdinal = 0;
                _segmentFromStart = true;
                _segmentClean = true;
                _segmentRecords = 0;
            }
            if (segment.Unusable || _offset >= segment.DataEnd)
            {
                if (!segment.Unusable)
                    FinishSegment(segment);
                _segmentOrdinal++;
                if (_segmentOrdinal < _segments.Count && _segments[_segmentOrdinal].Opened)
                {
                    // Re-entering a segment opened earlier (after a seek): start at its first block.
                    _offset = JournalFormat.HeaderSize;
                    _blockOrdinal = 0;
                    _expectedBlock = _segments[_segmentOrdinal].Header?.FirstBlockNumber ?? -1;
                    _segmentFromStart = true;
                    _segmentClean = true;
                    _segmentRecords = 0;
                }
                continue;
            }
            if (TryLoadBlock(segment))
                return true;
        }
        return false;
    }

    private void OpenSegment(SegmentState segment)
    {
        segment.Opened = true;
        foreach (var missing in segment.MissingBefore)
        {
            Report(new JournalProblem(JournalProblemKind.MissingSegment, JournalFormat.SegmentFileName(missing), 0, -1,
                $"segment {missing} is missing from the run (found {segment.FileName} after it)"));
            _expectedBlock = -1;
        }
        segment.Handle = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        segment.Length = RandomAccess.GetLength(segment.Handle);
        segment.DataEnd = segment.Length;

        Span<byte> headerBytes = stackalloc byte[JournalFormat.HeaderSize];
        var got = ReadFully(segment, headerBytes, 0);
        var header = JournalHeader.TryParse(headerBytes[..got], out var kind, out var detail);
        if (header is not null && header.SegmentIndex != segment.Index)
        {
            detail = $"header says segment {header.SegmentIndex} but the file name says {segment.Index}";
            header = null;
        }
        if (header is not null && Header is not null &&
            (header.RunId != Header.RunId || header.CreatedUnixNanos != Header.CreatedUnixNanos || header.ConfigHash != Header.ConfigHash))
        {
            detail = $"segment belongs to run '{header.RunId}' created {header.CreatedUtc:O}, not run '{Header.RunId}' created {Header.CreatedUtc:O}";
            header = null;
        }
        if (header is null)
        {
            segment.Unusable = true;
            if (kind == JournalProblemKind.FutureVersion)
                throw new JournalCorruptException(new JournalProblem(kind, segment.FileName, JournalFormat.HeaderVersionOffset, -1, detail));
            EnsureCapacity(JournalFormat.MinBlockSize, segment.Length);
            var torn = segment.IsLast && (got < JournalFormat.HeaderSize || FindNextValidBlock(segment, 1, JournalFormat.MaxBlockSize) < 0);
            var problem = torn
                ? new JournalProblem(JournalProblemKind.TornTail, segment.FileName, 0, -1,
                    $"the last segment's header was never completely written ({detail}); it holds no readable block", segment.Length)
                : new JournalProblem(JournalProblemKind.BadHeader, segment.FileName, 0, -1,
                    detail + "; the whole segment is unreadable", segment.Length);
            _expectedBlock = -1;
            Report(problem);
            return;
        }
        segment.Header = header;
        EnsureCapacity(header.BlockSize, segment.Length);
        if (_expectedBlock >= 0 && header.FirstBlockNumber != _expectedBlock)
        {
            var previous = _segmentOrdinal > 0 ? _segments[_segmentOrdinal - 1].FileName : "the start";
            ReportMissingBlocks(segment, JournalFormat.HeaderSize, _expectedBlock, header.FirstBlockNumber,
                $"segment starts at block {header.FirstBlockNumber} but {previous} ended before block {_expectedBlock}");
        }
        _expectedBlock = header.FirstBlockNumber;
        ReadFooter(segment);
        Observer?.OnSegmentOpened(segment);
    }

    private void ReadFooter(SegmentState segment)
    {
        if (segment.Length < JournalFormat.HeaderSize + JournalFormat.IndexHeaderSize + JournalFormat.TrailerSize)
            return;
        Span<byte> trailerBytes = stackalloc byte[JournalFormat.TrailerSize];
        ReadFully(segment, trailerBytes, segment.Length - JournalFormat.TrailerSize);
        if (!SegmentTrailer.TryRead(trailerBytes, segment.Length, out var trailer))
            return;
        segment.HasTrailer = true;
        segment.Trailer = trailer;
        segment.DataEnd = trailer.IndexOffset;
        var indexLength = (int)Math.Min(int.MaxValue, segment.Length - JournalFormat.TrailerSize - trailer.IndexOffset);
        var index = new byte[indexLength];
        ReadFully(segment, index, trailer.IndexOffset);
        string? detail = null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(index) != JournalFormat.IndexMagic || !JournalFormat.CheckCrc(index.AsSpan(0, JournalFormat.IndexHeaderSize), 12))
            detail = "index header is damaged (magic or CRC32C)";
        else if (BinaryPrimitives.ReadInt32LittleEndian(index.AsSpan(4)) != trailer.BlockCount)
            detail = $"index holds {BinaryPrimitives.ReadInt32LittleEndian(index.AsSpan(4))} entries but the trailer says {trailer.BlockCount} blocks";
        else if (BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(8)) != Crc32C.Compute(index.AsSpan(JournalFormat.IndexHeaderSize)))
            detail = "index entries CRC32C mismatch";
        if (detail is not null)
        {
            Report(new JournalProblem(JournalProblemKind.BadIndex, segment.FileName, trailer.IndexOffset, -1,
                detail + "; blocks are still read by scanning"));
            return;
        }
        var entries = new BlockIndexEntry[trailer.BlockCount];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = BlockIndexEntry.Read(index.AsSpan(JournalFormat.IndexHeaderSize + i * JournalFormat.IndexEntrySize));
        segment.FooterIndex = entries;
    }

    /// <summary>At the end of a segment read from its start, checks its block and record counts against the trailer.</summary>
    private void FinishSegment(SegmentState segment)
    {
        if (segment.EndChecked)
            return;
        segment.EndChecked = true;
        if (segment.HasTrailer && _segmentFromStart && _segmentClean &&
            (_blockOrdinal != segment.Trailer.BlockCount || _segmentRecords != segment.Trailer.RecordCount))
        {
            Report(new JournalProblem(JournalProblemKind.BadIndex, segment.FileName, segment.DataEnd, -1,
                $"trailer says {segment.Trailer.BlockCount} blocks and {segment.Trailer.RecordCount} records, the segment holds {_blockOrdinal} and {_segmentRecords}"));
        }
        if (segment.IsLast && segment.HasTrailer && (segment.Trailer.Flags & SegmentTrailerFlags.Rolled) != 0)
        {
            var missing = JournalFormat.SegmentFileName(segment.Index + 1);
            Report(new JournalProblem(JournalProblemKind.MissingSegment, missing, 0, _expectedBlock,
                $"{segment.FileName} was closed by rolling over to {missing}, which is missing"));
        }
    }

    private bool TryLoadBlock(SegmentState segment)
    {
        var x = _offset;
        var remaining = segment.DataEnd - x;
        var blockSize = segment.Header!.BlockSize;
        if (remaining < JournalFormat.BlockHeaderSize)
        {
            Damage(segment, x, JournalProblemKind.Truncated, $"segment ends {remaining} bytes into a block header", null);
            return false;
        }
        var headerSpan = Window(segment, x, JournalFormat.BlockHeaderSize);
        if (!BlockHeader.TryParse(headerSpan, blockSize, out var header, out var detail))
        {
            Damage(segment, x, JournalProblemKind.BadHeader, "block header: " + detail, null);
            return false;
        }
        if (_expectedBlock >= 0 && header.BlockNumber != _expectedBlock)
        {
            if (header.BlockNumber < _expectedBlock)
            {
                Damage(segment, x, JournalProblemKind.BadHeader,
                    $"block header: block number {header.BlockNumber} where {_expectedBlock} was expected (duplicate or out of order)", header);
                return false;
            }
            ReportMissingBlocks(segment, x, _expectedBlock, header.BlockNumber,
                $"block {header.BlockNumber} follows block {_expectedBlock - 1}");
        }
        if (header.TotalLength > remaining)
        {
            Damage(segment, x, JournalProblemKind.Truncated,
                $"block of {header.TotalLength} bytes but only {remaining} remain in the segment", header);
            return false;
        }
        var payload = Window(segment, x, (int)header.TotalLength)[JournalFormat.BlockHeaderSize..];
        var crc = Crc32C.Compute(payload);
        if (crc != header.PayloadCrc)
        {
            Damage(segment, x, JournalProblemKind.BadCrc,
                $"payload CRC32C 0x{crc:X8}, header says 0x{header.PayloadCrc:X8}", header);
            return false;
        }
        var codec = CodecFor(header.Codec, segment, x, header.BlockNumber);
        var produced = codec.Decompress(payload, _raw.AsSpan(0, header.RawLength));
        if (produced != header.RawLength)
        {
            Damage(segment, x, JournalProblemKind.BadRecord,
                produced < 0 ? $"{header.Codec} payload does not decompress" : $"payload decompressed to {produced} bytes, header says {header.RawLength}", header);
            return false;
        }
        if (ValidateRecords(_raw.AsSpan(0, header.RawLength), header, segment.Header.MaxOutputPayload) is { } recordProblem)
        {
            Damage(segment, x, JournalProblemKind.BadRecord, recordProblem, header);
            return false;
        }
        if (segment.FooterIndex is { } footer)
        {
            var entry = header.BlockNumber - segment.Header.FirstBlockNumber;
            if (entry < 0 || entry >= footer.Length || footer[entry] != BlockIndexEntry.From(x, header))
                Report(new JournalProblem(JournalProblemKind.BadIndex, segment.FileName, x, header.BlockNumber,
                    $"the index has no matching entry for this block (entry {entry})"));
        }

        _recordPosition = 0;
        _recordsLeft = header.RecordCount;
        _offset = x + header.TotalLength;
        _expectedBlock = header.BlockNumber + 1;
        _blockOrdinal++;
        _segmentRecords += header.RecordCount;
        BlocksRead++;
        Observer?.OnBlock(segment, x, header);
        return true;
    }

    private IBlockCodec CodecFor(BlockCodecId id, SegmentState segment, long offset, long block)
    {
        if (id == BlockCodecId.None)
            return StoredBlockCodec.Instance;
        if (_blockCodec is not null && _blockCodec.Id == id)
            return _blockCodec;
        _blockCodec = BlockCodecs.ForReading(id, out var error);
        return _blockCodec ?? throw new IOException(
            $"journal: {segment.FileName} at byte offset {offset} (block {block}) is {id}-compressed but cannot be decoded here: {error}");
    }

    /// <summary>
    /// Checks that the decompressed bytes frame exactly the records the header announces and that the header's
    /// sequence and ts_recv ranges (which the index relies on) match them. Returns a description or null.
    /// </summary>
    private static string? ValidateRecords(ReadOnlySpan<byte> raw, in BlockHeader header, int maxPayload)
    {
        var pos = 0;
        var count = 0;
        var inputs = 0;
        var first = 0L;
        var last = long.MinValue;
        var minTs = long.MaxValue;
        var maxTs = long.MinValue;
        while (pos < raw.Length)
        {
            if (raw.Length - pos < JournalFormat.RecordHeaderSize)
                return $"record {count} at raw offset {pos} is cut short";
            var word = BinaryPrimitives.ReadUInt64LittleEndian(raw[pos..]);
            var type = (ushort)word;
            var kind = (ushort)(word >> 16);
            var length = (long)(word >> 32);
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(raw[(pos + 8)..]);
            int size;
            if (type == JournalFormat.InputRecordType)
            {
                if (length != Market.Events.MboEvent.ByteSize || kind != 0)
                    return $"input record {count} at raw offset {pos} has length {length} and kind {kind}";
                size = JournalFormat.InputRecordSize;
                if (size > raw.Length - pos)
                    return $"input record {count} at raw offset {pos} runs past the block";
                var ts = BinaryPrimitives.ReadInt64LittleEndian(raw[(pos + JournalFormat.RecordHeaderSize + 8)..]);
                minTs = Math.Min(minTs, ts);
                maxTs = Math.Max(maxTs, ts);
                inputs++;
            }
            else if (type == JournalFormat.OutputRecordType)
            {
                if (length > maxPayload)
                    return $"output record {count} at raw offset {pos} has payload length {length} > {maxPayload}";
                size = JournalFormat.RecordSize((int)length);
                if (size > raw.Length - pos)
                    return $"output record {count} at raw offset {pos} runs past the block";
            }
            else
            {
                return $"record {count} at raw offset {pos} has unknown type {type}";
            }
            if (count == 0)
                first = sequence;
            last = Math.Max(last, sequence);
            pos += size;
            count++;
        }
        if (count != header.RecordCount || inputs != header.InputCount)
            return $"block header says {header.RecordCount} records ({header.InputCount} inputs), payload holds {count} ({inputs})";
        if (first != header.FirstSequence || last != header.LastSequence || minTs != header.MinTsRecv || maxTs != header.MaxTsRecv)
            return "block header's sequence or ts_recv range does not match its records";
        return null;
    }

    /// <summary>
    /// Classifies damage at <paramref name="x"/> and either throws or records it and moves past it. A problem
    /// at the end of the last, unclosed segment with nothing valid after it is a torn tail.
    /// </summary>
    private void Damage(SegmentState segment, long x, JournalProblemKind kind, string detail, BlockHeader? header)
    {
        var headerKnown = header.HasValue && kind is JournalProblemKind.BadCrc or JournalProblemKind.BadRecord;
        long next = headerKnown ? x + header!.Value.TotalLength : -1;
        if (kind != JournalProblemKind.BadRecord && segment.IsLast && !segment.HasTrailer &&
            FindNextValidBlock(segment, x + 1, segment.Header!.BlockSize) < 0)
        {
            var tornBlock = header?.BlockNumber ?? _expectedBlock;
            Report(new JournalProblem(JournalProblemKind.TornTail, segment.FileName, x, tornBlock,
                $"{JournalProblem.KindText(kind)} in the last block ({detail}); nothing valid follows",
                segment.DataEnd - x, 1, header?.RecordCount ?? -1));
            _offset = segment.DataEnd;
            _expectedBlock = -1;
            return;
        }
        if (next < 0)
            next = FindNextValidBlock(segment, x + 1, segment.Header!.BlockSize);
        if (next < 0)
            next = segment.DataEnd;
        long blocks = -1;
        var firstBlock = header?.BlockNumber ?? _expectedBlock;
        if (next < segment.DataEnd && _expectedBlock >= 0 &&
            BlockHeader.TryParse(Window(segment, next, JournalFormat.BlockHeaderSize), segment.Header!.BlockSize, out var nextHeader, out _))
        {
            blocks = Math.Max(0, nextHeader.BlockNumber - _expectedBlock);
            _expectedBlock = nextHeader.BlockNumber;
        }
        else
        {
            _expectedBlock = next < segment.DataEnd ? -1 : _expectedBlock;
        }
        if (headerKnown && blocks < 0)
            blocks = 1;
        var records = headerKnown && blocks == 1 ? header!.Value.RecordCount : -1;
        _segmentClean = false;
        Report(new JournalProblem(kind, segment.FileName, x, firstBlock, detail, next - x, blocks, records));
        _offset = next;
        if (next >= segment.DataEnd)
            _expectedBlock = -1;
    }

    private void ReportMissingBlocks(SegmentState segment, long offset, long expected, long found, string detail)
    {
        Report(new JournalProblem(JournalProblemKind.MissingBlocks, segment.FileName, offset, expected,
            $"{detail}: blocks {expected}..{found - 1} are missing", 0, found - expected));
        _segmentClean = false;
    }

    private void Report(JournalProblem problem)
    {
        if (!_options.SkipBadBlocks || problem.Kind == JournalProblemKind.FutureVersion)
            throw new JournalCorruptException(problem);
        _problems.Add(problem);
    }

    /// <summary>Offset of the next block header at or after <paramref name="from"/> whose magic and CRC check out, or -1.</summary>
    private long FindNextValidBlock(SegmentState segment, long from, int blockSize)
    {
        var end = segment.DataEnd;
        var pos = Math.Max(from, JournalFormat.HeaderSize);
        while (pos + JournalFormat.BlockHeaderSize <= end)
        {
            var span = Window(segment, pos, (int)Math.Min(_window.Length, end - pos));
            var hit = span.IndexOf("FEBK"u8);
            if (hit < 0)
            {
                pos += Math.Max(1, span.Length - 3);
                continue;
            }
            var candidate = pos + hit;
            if (candidate + JournalFormat.BlockHeaderSize > end)
                return -1;
            if (BlockHeader.TryParse(Window(segment, candidate, JournalFormat.BlockHeaderSize), blockSize, out _, out _))
                return candidate;
            pos = candidate + 1;
        }
        return -1;
    }

    /// <summary>Rebuilds a segment's index from its block headers (no decompression); stops at the first bad header.</summary>
    private List<BlockIndexEntry> ScanIndex(SegmentState segment)
    {
        var entries = new List<BlockIndexEntry>();
        var x = (long)JournalFormat.HeaderSize;
        while (x + JournalFormat.BlockHeaderSize <= segment.DataEnd &&
               BlockHeader.TryParse(Window(segment, x, JournalFormat.BlockHeaderSize), segment.Header!.BlockSize, out var header, out _) &&
               x + header.TotalLength <= segment.DataEnd)
        {
            entries.Add(BlockIndexEntry.From(x, header));
            x += header.TotalLength;
        }
        return entries;
    }

    /// <summary>
    /// Returns <paramref name="count"/> bytes at <paramref name="offset"/> from the read window, refilling it
    /// when needed. Callers keep <c>offset + count</c> within the segment.
    /// </summary>
    private ReadOnlySpan<byte> Window(SegmentState segment, long offset, int count)
    {
        if (_windowSegment == segment && offset >= _windowStart && offset + count <= _windowStart + _windowLength)
            return _window.AsSpan((int)(offset - _windowStart), count);
        var want = (int)Math.Min(_window.Length, segment.Length - offset);
        var got = ReadFully(segment, _window.AsSpan(0, want), offset);
        _windowSegment = segment;
        _windowStart = offset;
        _windowLength = got;
        if (got < count)
            throw new IOException($"journal: {segment.FileName} shrank while being read (wanted {count} bytes at offset {offset}, got {got})");
        return _window.AsSpan(0, count);
    }

    private static int ReadFully(SegmentState segment, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(segment.Handle!, buffer[total..], offset + total);
            if (n <= 0)
                break;
            total += n;
        }
        return total;
    }

    /// <summary>
    /// Sizes the block buffer and the read window for a segment: the window holds at least one largest
    /// block and up to 1 MiB, but no more than the segment, so opening a small journal stays cheap.
    /// </summary>
    private void EnsureCapacity(int blockSize, long segmentLength)
    {
        if (_raw.Length < blockSize)
            _raw = GC.AllocateUninitializedArray<byte>(blockSize);
        var window = (int)Math.Max(JournalFormat.BlockHeaderSize + JournalFormat.MaxStoredLength(blockSize), Math.Min(MinWindow, segmentLength));
        if (_window.Length < window)
        {
            _window = GC.AllocateUninitializedArray<byte>(window);
            _windowSegment = null;
        }
    }

    private static JournalHeader? FirstReadableHeader(List<SegmentState> segments)
    {
        Span<byte> bytes = stackalloc byte[JournalFormat.HeaderSize];
        foreach (var segment in segments)
        {
            using var handle = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var n = RandomAccess.Read(handle, bytes, 0);
            if (JournalHeader.TryParse(bytes[..n], out _, out _) is { } header)
                return header;
        }
        return null;
    }

    private static string NoSegmentsMessage(string dir)
    {
        var runs = Directory.EnumerateDirectories(dir)
            .Where(d => Directory.EnumerateFiles(d, JournalFormat.SegmentPattern).Any())
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Take(10)
            .ToList();
        return runs.Count == 0
            ? $"{dir} holds no journal segments ({JournalFormat.SegmentPrefix}NNNNNN{JournalFormat.SegmentExtension})"
            : $"{dir} holds no journal segments; it looks like a journal root with runs: {string.Join(", ", runs)} (pass one run's directory)";
    }
}
