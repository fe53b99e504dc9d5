using System.Globalization;
using FlowEngine.Journal;

namespace FlowEngine.Cli.Commands;

/// <summary>Text rendering shared by the journal subcommands, so verify and inspect say things the same way.</summary>
internal static class JournalReport
{
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>ns since the epoch as an ISO-8601 UTC timestamp with all nine fractional digits.</summary>
    public static string Timestamp(long unixNanos)
    {
        var seconds = Math.DivRem(unixNanos, 1_000_000_000L, out var nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000L;
        }
        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) +
               "." + nanos.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    public static string TimeRange(JournalSummary s) =>
        s.MinTsRecv is { } min && s.MaxTsRecv is { } max ? $"{Timestamp(min)} .. {Timestamp(max)}" : "(no inputs)";

    public static void WriteOverview(JournalSummary s, TextWriter output)
    {
        output.WriteLine($"journal {s.Header?.RunId ?? "(no readable header)"} ({s.RunDirectory})");
        output.WriteLine($"  segments: {s.Segments.Count}, {(s.Closed ? "closed cleanly" : "open (the writer did not close it)")}");
        output.WriteLine($"  records:  {Count(s.Records)} ({Count(s.Inputs)} inputs, {Count(s.Outputs)} outputs) in {Count(s.Blocks)} blocks");
        output.WriteLine($"  sequence: {(s.Records > 0 ? $"{s.FirstSequence}..{s.LastSequence}" : "(none)")}");
        output.WriteLine($"  ts_recv:  {TimeRange(s)}");
    }

    public static void WriteProblems(JournalSummary s, TextWriter output)
    {
        if (s.IsClean)
            return;
        output.WriteLine($"problems ({s.Problems.Count}):");
        foreach (var p in s.Problems)
            output.WriteLine("  " + p.Message);
    }
}
