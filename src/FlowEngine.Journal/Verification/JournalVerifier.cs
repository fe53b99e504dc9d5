using FlowEngine.Market.Events;

namespace FlowEngine.Journal;

/// <summary>
/// Checks every block of a run and summarises it. It is the reader in skip-and-report mode plus
/// bookkeeping, so verify, inspect and replay can never disagree about what is valid.
/// </summary>
public static class JournalVerifier
{
    /// <summary>
    /// Reads the whole run, collecting figures and problems. Throws only when the run cannot be read at all
    /// (directory missing, no segments, LZ4 blocks without liblz4); damage is reported in the summary.
    /// </summary>
    public static JournalSummary Verify(string runDirectory)
    {
        using var reader = JournalReader.Open(runDirectory, new JournalReadOptions { SkipBadBlocks = true });
        var collector = new Collector();
        reader.Observer = collector;
        var summary = new JournalSummary(reader.RunDirectory) { Header = reader.Header };
        var inputKinds = new long[256];
        var outputKinds = new SortedDictionary<ushort, long>();
        var problems = new List<JournalProblem>();
        try
        {
            while (reader.TryRead(out var record))
            {
                if (record.IsInput)
                    inputKinds[(byte)record.Input.Kind]++;
                else
                    outputKinds[record.OutputKind] = outputKinds.GetValueOrDefault(record.OutputKind) + 1;
            }
        }
        catch (JournalCorruptException ex) when (ex.Problem.Kind == JournalProblemKind.FutureVersion)
        {
            problems.Add(ex.Problem);
        }
        problems.InsertRange(0, reader.Problems);

        var segments = new List<JournalSegmentSummary>();
        foreach (var name in reader.Segments)
        {
            var s = collector.Segments.GetValueOrDefault(name);
            JournalFormat.TryParseSegmentFileName(name, out var index);
            segments.Add(s is null
                ? new JournalSegmentSummary(name, index, new FileInfo(Path.Combine(reader.RunDirectory, name)).Length, false, 0, 0, 0, -1, -1)
                : new JournalSegmentSummary(name, index, s.Length, s.Closed, s.Blocks, s.Records, s.Inputs, s.FirstSequence, s.LastSequence));
            summary.FileBytes += segments[^1].Length;
        }
        summary.Segments = segments;
        summary.Problems = problems;
        summary.Closed = collector.LastClosedFinal && collector.Segments.ContainsKey(reader.Segments[^1]);
        summary.Blocks = collector.Blocks;
        summary.CompressedBlocks = collector.CompressedBlocks;
        summary.Records = collector.Records;
        summary.Inputs = collector.Inputs;
        summary.FirstSequence = collector.FirstSequence;
        summary.LastSequence = collector.LastSequence;
        summary.MinTsRecv = collector.Inputs > 0 ? collector.MinTsRecv : null;
        summary.MaxTsRecv = collector.Inputs > 0 ? collector.MaxTsRecv : null;
        summary.RawBytes = collector.RawBytes;
        summary.StoredBytes = collector.StoredBytes;
        var inputs = new List<KeyValuePair<EventKind, long>>();
        for (var k = 0; k < inputKinds.Length; k++)
        {
            if (inputKinds[k] > 0)
                inputs.Add(new((EventKind)k, inputKinds[k]));
        }
        summary.InputsByKind = inputs;
        summary.OutputsByKind = outputKinds.ToList();
        return summary;
    }

    private sealed class SegmentFigures
    {
        public long Length;
        public bool Closed;
        public long Blocks;
        public long Records;
        public long Inputs;
        public long FirstSequence = -1;
        public long LastSequence = -1;
    }

    private sealed class Collector : IJournalBlockObserver
    {
        public Dictionary<string, SegmentFigures> Segments { get; } = new(StringComparer.Ordinal);
        public bool LastClosedFinal;
        public long Blocks;
        public long CompressedBlocks;
        public long Records;
        public long Inputs;
        public long FirstSequence = -1;
        public long LastSequence = -1;
        public long MinTsRecv = long.MaxValue;
        public long MaxTsRecv = long.MinValue;
        public long RawBytes;
        public long StoredBytes;

        public void OnSegmentOpened(SegmentState segment)
        {
            Segments[segment.FileName] = new SegmentFigures { Length = segment.Length, Closed = segment.HasTrailer };
            LastClosedFinal = segment.HasTrailer && (segment.Trailer.Flags & SegmentTrailerFlags.Final) != 0;
        }

        public void OnBlock(SegmentState segment, long offset, in BlockHeader header)
        {
            var s = Segments[segment.FileName];
            s.Blocks++;
            s.Records += header.RecordCount;
            s.Inputs += header.InputCount;
            if (s.FirstSequence < 0)
                s.FirstSequence = header.FirstSequence;
            s.LastSequence = Math.Max(s.LastSequence, header.LastSequence);
            Blocks++;
            if (header.Codec != BlockCodecId.None)
                CompressedBlocks++;
            Records += header.RecordCount;
            Inputs += header.InputCount;
            if (FirstSequence < 0)
                FirstSequence = header.FirstSequence;
            LastSequence = Math.Max(LastSequence, header.LastSequence);
            if (header.InputCount > 0)
            {
                MinTsRecv = Math.Min(MinTsRecv, header.MinTsRecv);
                MaxTsRecv = Math.Max(MaxTsRecv, header.MaxTsRecv);
            }
            RawBytes += header.RawLength;
            StoredBytes += header.TotalLength;
        }
    }
}
