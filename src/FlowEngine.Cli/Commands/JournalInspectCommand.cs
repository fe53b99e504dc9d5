using System.CommandLine;
using System.Globalization;
using FlowEngine.Journal;
using FlowEngine.Market.Events;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine journal inspect DIR</c>: what a run holds — header fields, segments, counts by record and
/// output kind, time range, compression. Exit 0 (problems are listed; <c>verify</c> is the pass/fail check).
/// </summary>
internal static class JournalInspectCommand
{
    public static Command Create()
    {
        var dir = JournalCommand.RunDirectoryArgument();
        var command = new Command("inspect", "Summarise a journal: header, segments, record counts by kind, time range, compression.") { dir };
        command.SetAction(parse => JournalCommand.ForEachStream(parse.GetRequiredValue(dir), parse.InvocationConfiguration.Output,
            stream => Run(stream, parse.InvocationConfiguration.Output)));
        return command;
    }

    public static int Run(string directory, TextWriter output)
    {
        var s = JournalVerifier.Verify(directory);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"run:          {s.Header?.RunId ?? "(no readable header)"}");
        output.WriteLine($"directory:    {s.RunDirectory}");
        if (s.Header is { } h)
        {
            output.WriteLine($"format:       version {h.FormatVersion}");
            output.WriteLine($"created:      {h.CreatedUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", inv)} (wall clock at run start)");
            output.WriteLine($"engine:       {(h.EngineVersion.Length > 0 ? h.EngineVersion : "(not recorded)")}");
            output.WriteLine($"config hash:  0x{h.ConfigHash.ToString("X16", inv)}");
            var codec = h.Compression switch
            {
                BlockCodecId.Lz4 => $"LZ4 (liblz4 {Lz4BlockCodec.FormatVersion(h.Lz4Version)})",
                BlockCodecId.Lz4Transposed => $"LZ4 over record-transposed blocks (liblz4 {Lz4BlockCodec.FormatVersion(h.Lz4Version)})",
                _ => "none",
            };
            output.WriteLine($"compression:  {codec}");
            output.WriteLine($"durability:   {h.Durability.ToString().ToLowerInvariant()}");
            output.WriteLine($"block size:   {JournalReport.Count(h.BlockSize)} bytes; segment size {JournalReport.Count(h.SegmentSize)} bytes; max output payload {JournalReport.Count(h.MaxOutputPayload)} bytes");
        }
        output.WriteLine($"state:        {(s.Closed ? "closed cleanly by the writer" : "open: the writer did not close the last segment (stopped or still running)")}");
        output.WriteLine($"segments:     {s.Segments.Count}");
        foreach (var seg in s.Segments)
        {
            var range = seg.Records > 0 ? $"sequence {seg.FirstSequence}..{seg.LastSequence}" : "empty";
            output.WriteLine($"  {seg.FileName}  {JournalReport.Count(seg.Length),14} bytes  {JournalReport.Count(seg.Blocks),7} blocks  {JournalReport.Count(seg.Records),11} records  {range}{(seg.Closed ? "" : "  (open)")}");
        }
        output.WriteLine($"records:      {JournalReport.Count(s.Records)} in {JournalReport.Count(s.Blocks)} blocks");
        output.WriteLine($"  inputs      {JournalReport.Count(s.Inputs)}");
        foreach (var (kind, count) in s.InputsByKind)
            output.WriteLine($"    {KindName(kind),-22}{JournalReport.Count(count)}");
        output.WriteLine($"  outputs     {JournalReport.Count(s.Outputs)}");
        foreach (var (kind, count) in s.OutputsByKind)
            output.WriteLine($"    {JournalOutputKinds.Name(kind),-22}{JournalReport.Count(count)}");
        output.WriteLine($"sequence:     {(s.Records > 0 ? $"{s.FirstSequence}..{s.LastSequence}" : "(none)")}");
        output.WriteLine($"ts_recv:      {JournalReport.TimeRange(s)}");
        output.WriteLine(s.StoredBytes > 0
            ? $"compression:  {JournalReport.Count(s.RawBytes)} raw bytes in {JournalReport.Count(s.StoredBytes)} stored bytes, ratio {s.CompressionRatio.ToString("F2", inv)}:1 ({JournalReport.Count(s.CompressedBlocks)} of {JournalReport.Count(s.Blocks)} blocks compressed)"
            : "compression:  (no blocks)");
        if (!s.IsClean)
        {
            JournalReport.WriteProblems(s, output);
            output.WriteLine("(run `flowengine journal verify` for the pass/fail check)");
        }
        return ExitCodes.Ok;
    }

    internal static string KindName(EventKind kind) => kind switch
    {
        EventKind.Mbo => "mbo",
        EventKind.TimerTick => "timer-tick",
        EventKind.InstrumentDefinition => "instrument-definition",
        EventKind.Status => "status",
        EventKind.Gap => "gap",
        _ => $"kind-{(byte)kind}",
    };
}
