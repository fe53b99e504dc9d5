using System.Globalization;
using System.Text;

namespace FlowEngine.Simulator;

/// <summary>
/// The labels.csv format written next to a simulated run, and its reader for evaluations. One header line,
/// then one line per label, comma-separated, no quoting (no field can contain a comma):
/// <code>
/// id,group,kind,instrument_id,side,start_ts_ns,end_ts_ns,price,volume,actions,levels
/// </code>
/// id and group: integers (group = the id of the first label of a multi-instrument episode, else the id);
/// kind: sweep | iceberg | accumulation | mm_two_sided | mm_call_put; instrument_id: integer; side: buy | sell
/// | both | none; start_ts_ns and end_ts_ns: ts_recv in ns since the UNIX epoch, inclusive; price: integer in
/// 1e-9 (as in DBN); volume: lots traded by the episode's own trade events; actions: episode actions;
/// levels: most price levels one action traded at. Lines end with "\n"; the file is UTF-8 without BOM.
/// </summary>
public static class EpisodeLabelCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "id,group,kind,instrument_id,side,start_ts_ns,end_ts_ns,price,volume,actions,levels";

    private const int FieldCount = 11;

    /// <summary>Writes labels to a file, replacing it.</summary>
    public static void Write(string path, IReadOnlyList<EpisodeLabel> labels)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(writer, labels);
    }

    /// <summary>Writes labels to a writer.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<EpisodeLabel> labels)
    {
        writer.Write(Header);
        writer.Write('\n');
        for (var i = 0; i < labels.Count; i++)
        {
            var l = labels[i];
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{l.Id},{l.Group},{EpisodeKinds.CsvName(l.Kind)},{l.InstrumentId},{SideName(l.Side)},{l.StartNs},{l.EndNs},{l.Price},{l.Volume},{l.Actions},{l.Levels}"));
            writer.Write('\n');
        }
        writer.Flush();
    }

    /// <summary>Reads a labels.csv file; errors name the file, line and field.</summary>
    public static List<EpisodeLabel> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Reads labels CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static List<EpisodeLabel> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is null) throw new InvalidDataException($"{source}: empty file, expected the header line '{Header}'");
        if (header.TrimEnd('\r') != Header)
            throw new InvalidDataException($"{source}, line 1: header is '{header}', expected '{Header}'");
        var labels = new List<EpisodeLabel>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            line = line.TrimEnd('\r');
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != FieldCount)
                throw new InvalidDataException($"{source}, line {lineNo}: {f.Length} fields, expected {FieldCount} ({Header})");
            labels.Add(new EpisodeLabel
            {
                Id = ParseInt(f[0], "id", source, lineNo),
                Group = ParseInt(f[1], "group", source, lineNo),
                Kind = ParseKind(f[2], source, lineNo),
                InstrumentId = (uint)ParseLong(f[3], "instrument_id", source, lineNo, 0, uint.MaxValue),
                Side = ParseSide(f[4], source, lineNo),
                StartNs = ParseLong(f[5], "start_ts_ns", source, lineNo),
                EndNs = ParseLong(f[6], "end_ts_ns", source, lineNo),
                Price = ParseLong(f[7], "price", source, lineNo, long.MinValue, long.MaxValue),
                Volume = ParseLong(f[8], "volume", source, lineNo),
                Actions = ParseInt(f[9], "actions", source, lineNo),
                Levels = ParseInt(f[10], "levels", source, lineNo),
            });
            var l = labels[^1];
            if (l.EndNs < l.StartNs)
                throw new InvalidDataException($"{source}, line {lineNo}: end_ts_ns {l.EndNs} is before start_ts_ns {l.StartNs}");
        }
        return labels;
    }

    /// <summary>CSV name of a side.</summary>
    public static string SideName(EpisodeSide side) => side switch
    {
        EpisodeSide.Buy => "buy",
        EpisodeSide.Sell => "sell",
        EpisodeSide.Both => "both",
        _ => "none",
    };

    private static EpisodeKind ParseKind(string text, string source, int line)
    {
        foreach (var kind in EpisodeKinds.All)
            if (EpisodeKinds.CsvName(kind) == text) return kind;
        throw new InvalidDataException($"{source}, line {line}, field kind: '{text}' is not one of sweep, iceberg, accumulation, mm_two_sided, mm_call_put");
    }

    private static EpisodeSide ParseSide(string text, string source, int line) => text switch
    {
        "buy" => EpisodeSide.Buy,
        "sell" => EpisodeSide.Sell,
        "both" => EpisodeSide.Both,
        "none" => EpisodeSide.None,
        _ => throw new InvalidDataException($"{source}, line {line}, field side: '{text}' is not one of buy, sell, both, none"),
    };

    private static int ParseInt(string text, string field, string source, int line) =>
        (int)ParseLong(text, field, source, line, 0, int.MaxValue);

    private static long ParseLong(string text, string field, string source, int line, long min = 0, long max = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new InvalidDataException($"{source}, line {line}, field {field}: '{text}' is not an integer in [{min}, {max}]");
        return v;
    }
}
