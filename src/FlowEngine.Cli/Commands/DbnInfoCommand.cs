using System.CommandLine;
using System.Globalization;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine dbn info FILE</c>: the metadata of a DBN file (any schema) and its record counts by rtype,
/// so a user can see what a download holds before replaying it.
/// </summary>
internal static class DbnInfoCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "DBN file (v1, v2 or v3), any schema." };
        var command = new Command("info", "Summarise a DBN file: version, dataset, schema, time range, symbols, mappings and record counts by type.");
        command.Arguments.Add(file);
        command.SetAction(parse => Run(parse.GetValue(file)!, Console.Out));
        return command;
    }

    /// <summary>Writes the summary of <paramref name="path"/> to <paramref name="output"/>; returns the exit code.</summary>
    internal static int Run(string path, TextWriter output)
    {
        using var reader = DbnFileReader.Open(path, new DbnReaderOptions { AcceptAnySchema = true });
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
        {
        }

        var md = reader.Metadata;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"file         {path}");
        output.WriteLine($"version      {md.Version}");
        output.WriteLine($"dataset      {md.Dataset}");
        output.WriteLine($"schema       {md.SchemaName}");
        output.WriteLine($"start        {Time(md.Start)}");
        output.WriteLine($"end          {(md.End is { } end ? Time(end) : "none")}");
        output.WriteLine($"limit        {(md.Limit == 0 ? "none" : md.Limit.ToString(inv))}");
        output.WriteLine($"stype_in     {DbnSchemaNames.Name(md.StypeIn)}");
        output.WriteLine($"stype_out    {DbnSchemaNames.Name(md.StypeOut)}");
        output.WriteLine($"ts_out       {(md.TsOut ? "true" : "false")}");
        output.WriteLine($"symbols      {List(md.Symbols)}");
        output.WriteLine($"partial      {List(md.Partial)}");
        output.WriteLine($"not_found    {List(md.NotFound)}");
        output.WriteLine($"mappings     {md.Mappings.Count}");
        foreach (var mapping in md.Mappings)
        {
            foreach (var interval in mapping.Intervals)
            {
                output.WriteLine(string.Create(inv,
                    $"  {mapping.RawSymbol} -> {interval.Symbol} from {interval.StartDate:yyyy-MM-dd} until {interval.EndDate:yyyy-MM-dd}"));
            }
        }

        output.WriteLine(string.Create(inv, $"records      {reader.RecordsRead} ({reader.Position} bytes)"));
        var counts = new SortedDictionary<byte, long>(reader.SkippedByRType().ToDictionary(p => p.Key, p => p.Value));
        if (reader.MboRecordsRead > 0)
            counts[DbnRType.Mbo] = reader.MboRecordsRead;
        var definitions = reader.RecordsRead - reader.MboRecordsRead - reader.SkippedRecords;
        if (definitions > 0)
            counts[DbnRType.InstrumentDef] = definitions;
        foreach (var (rtype, count) in counts)
            output.WriteLine(string.Create(inv, $"  {DbnRType.Describe(rtype),-22}{count}"));
        output.WriteLine($"instruments  {reader.Definitions.Count}");
        foreach (var definition in reader.Definitions.Values)
        {
            output.WriteLine(string.Create(inv,
                $"  {definition.InstrumentId} {definition.RawSymbol} class={(char)definition.Class} tick={definition.TickSize} multiplier={definition.Multiplier} currency={definition.Currency}"));
        }

        output.Flush();
        return ExitCodes.Ok;
    }

    private static string Time(long ns)
    {
        var utc = DateTime.UnixEpoch.AddTicks(ns / 100);
        return string.Create(CultureInfo.InvariantCulture, $"{ns} ({utc:yyyy-MM-ddTHH:mm:ss}.{ns % 1_000_000_000:D9}Z)");
    }

    private static string List(IReadOnlyList<string> items) =>
        items.Count == 0 ? "0" : items.Count.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(", ", items.Take(20)) + (items.Count > 20 ? ", ..." : "");
}
