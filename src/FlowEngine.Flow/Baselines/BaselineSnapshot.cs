using System.Globalization;
using System.Text;

namespace FlowEngine.Flow.Baselines;

/// <summary>
/// Saves and loads a <see cref="BaselineStore"/> as a small line-oriented text file. Deterministic: series in
/// key order, numbers in invariant round-trip form, no timestamps of its own, so rebuilding a baseline from
/// the same inputs gives the same bytes, and a loaded store scores exactly like the one saved.
/// </summary>
/// <remarks>
/// <code>
/// flowengine-baseline 1
/// options sessions_kept=20 bucket_minutes=30 min_sessions=3 min_samples=20 max_samples_per_session=128
/// sessions_ended 5
/// series &lt;instrument&gt; &lt;window_ns&gt; &lt;measure&gt; &lt;bucket&gt; &lt;sessions&gt;
/// session &lt;count&gt; &lt;sum&gt; &lt;sum_squares&gt; &lt;stride&gt; &lt;kept values…&gt;
/// end
/// </code>
/// Only history is saved; samples of a session that has not ended are not.
/// </remarks>
public static class BaselineSnapshot
{
    /// <summary>The first line's magic word.</summary>
    public const string Magic = "flowengine-baseline";

    /// <summary>Format version written and accepted.</summary>
    public const int Version = 1;

    /// <summary>
    /// Writes the store to <paramref name="path"/>, replacing it atomically: the text goes to a temporary file in
    /// the same folder, is flushed to the disk (fsync), then renamed over the target, so a reader (or a crash)
    /// sees either the old snapshot or the new one, never half a file.
    /// </summary>
    public static void Save(BaselineStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        var full = Path.GetFullPath(path);
        // Unique per writer: two processes saving the same baseline must not share (and tear) one temporary file.
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true))
                    Save(store, writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
                File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the store as text.</summary>
    public static void Save(BaselineStore store, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewLine = "\n";
        var o = store.Options;
        writer.WriteLine($"{Magic} {Version}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"options sessions_kept={o.SessionsKept} bucket_minutes={o.BucketMinutes} min_sessions={o.MinSessions} min_samples={o.MinSamples} max_samples_per_session={o.MaxSamplesPerSession}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sessions_ended {store.SessionsEnded}"));
        var line = new StringBuilder();
        foreach (var series in store.SortedSeries())
        {
            if (series.SessionCount == 0)
                continue;
            var k = series.Key;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"series {k.InstrumentId} {k.WindowNs} {BaselineMeasures.Name(k.Measure)} {k.Bucket} {series.SessionCount}"));
            for (var i = 0; i < series.SessionCount; i++)
            {
                var s = series.Session(i);
                line.Clear();
                line.Append("session ").Append(s.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(Format(s.Sum)).Append(' ').Append(Format(s.SumSquares))
                    .Append(' ').Append(s.Stride.ToString(CultureInfo.InvariantCulture));
                foreach (var v in s.Kept)
                    line.Append(' ').Append(Format(v));
                writer.WriteLine(line.ToString());
            }
        }
        writer.WriteLine("end");
    }

    /// <summary>Reads a store from <paramref name="path"/>; bad content throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static BaselineStore Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Load(reader, path);
    }

    /// <summary>Reads a store from text; <paramref name="source"/> names it in error messages.</summary>
    public static BaselineStore Load(TextReader reader, string source = "<baseline>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNo = 0;
        string Next(string expected)
        {
            var text = reader.ReadLine();
            lineNo++;
            return text ?? throw Error(source, lineNo, $"unexpected end of file, expected {expected}");
        }

        var header = Next("the header").Split(' ');
        if (header.Length != 2 || header[0] != Magic)
            throw Error(source, lineNo, $"not a baseline snapshot (expected '{Magic} {Version}')");
        if (header[1] != Version.ToString(CultureInfo.InvariantCulture))
            throw Error(source, lineNo, $"unsupported baseline snapshot version {header[1]} (this build reads {Version})");

        var options = ParseOptions(Next("the options line"), source, lineNo);
        BaselineStore store;
        try
        {
            store = new BaselineStore(options);
        }
        catch (ArgumentException ex)
        {
            throw Error(source, lineNo, ex.Message);
        }
        var ended = Next("sessions_ended").Split(' ');
        if (ended.Length != 2 || ended[0] != "sessions_ended" || !long.TryParse(ended[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sessionsEnded))
            throw Error(source, lineNo, "expected 'sessions_ended <count>'");
        store.SessionsEnded = sessionsEnded;

        BaselineKey? previous = null;
        while (true)
        {
            var text = Next("'series' or 'end'");
            if (text == "end")
                break;
            var f = text.Split(' ');
            if (f.Length != 6 || f[0] != "series")
                throw Error(source, lineNo, "expected 'series <instrument> <window_ns> <measure> <bucket> <sessions>' or 'end'");
            if (!uint.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var instrument))
                throw Error(source, lineNo, $"bad instrument id '{f[1]}'");
            if (!long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var windowNs) || windowNs <= 0)
                throw Error(source, lineNo, $"bad window length '{f[2]}'");
            if (!BaselineMeasures.TryParse(f[3], out var measure))
                throw Error(source, lineNo, $"unknown measure '{f[3]}'");
            if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var bucket) || bucket >= 1440 / options.BucketMinutes)
                throw Error(source, lineNo, $"bad bucket '{f[4]}' for {options.BucketMinutes}-minute buckets");
            if (!int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var sessions) || sessions < 1 || sessions > options.SessionsKept)
                throw Error(source, lineNo, $"bad session count '{f[5]}' (1 to {options.SessionsKept})");
            var key = new BaselineKey(instrument, windowNs, measure, bucket);
            if (previous is { } p && p.CompareTo(key) >= 0)
                throw Error(source, lineNo, "series are not in ascending key order (duplicate or unsorted)");
            previous = key;
            var series = store.GetOrAdd(key);
            for (var i = 0; i < sessions; i++)
                series.AppendRestored(ParseSession(Next("a 'session' line"), options, source, lineNo));
            series.Rebuild();
        }
        if (reader.ReadLine() is { } extra)
            throw Error(source, lineNo + 1, $"content after 'end': '{Truncate(extra)}'");
        return store;
    }

    private static BaselineOptions ParseOptions(string text, string source, int lineNo)
    {
        var f = text.Split(' ');
        if (f.Length != 6 || f[0] != "options")
            throw Error(source, lineNo, "expected 'options sessions_kept=… bucket_minutes=… min_sessions=… min_samples=… max_samples_per_session=…'");
        var names = new[] { "sessions_kept", "bucket_minutes", "min_sessions", "min_samples", "max_samples_per_session" };
        var values = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var prefix = names[i] + "=";
            if (!f[i + 1].StartsWith(prefix, StringComparison.Ordinal)
                || !int.TryParse(f[i + 1].AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                throw Error(source, lineNo, $"expected {names[i]}=<integer>, got '{f[i + 1]}'");
        }
        return new BaselineOptions
        {
            SessionsKept = values[0],
            BucketMinutes = values[1],
            MinSessions = values[2],
            MinSamples = values[3],
            MaxSamplesPerSession = values[4],
        };
    }

    private static SessionSamples ParseSession(string text, BaselineOptions options, string source, int lineNo)
    {
        var f = text.Split(' ');
        if (f.Length < 5 || f[0] != "session")
            throw Error(source, lineNo, "expected 'session <count> <sum> <sum_squares> <stride> <kept values…>'");
        if (!long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw Error(source, lineNo, $"bad sample count '{f[1]}'");
        var sum = ParseDouble(f[2], "sum", source, lineNo);
        var sumSquares = ParseDouble(f[3], "sum of squares", source, lineNo);
        if (!long.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var stride))
            throw Error(source, lineNo, $"bad stride '{f[4]}'");
        var kept = new double[f.Length - 5];
        for (var i = 0; i < kept.Length; i++)
            kept[i] = ParseDouble(f[i + 5], "kept sample", source, lineNo);
        var session = new SessionSamples(options.MaxSamplesPerSession);
        try
        {
            session.Restore(count, sum, sumSquares, stride, kept);
        }
        catch (ArgumentException ex)
        {
            throw Error(source, lineNo, ex.Message.Split(" (Parameter")[0]);
        }
        return session;
    }

    private static double ParseDouble(string text, string what, string source, int lineNo)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw Error(source, lineNo, $"bad {what} '{Truncate(text)}'");
        return v;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static InvalidDataException Error(string source, int lineNo, string problem) =>
        new($"{source}: line {lineNo}: {problem}");
}
