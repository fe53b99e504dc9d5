using System.CommandLine;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine dbn print FILE [--format csv|json] [--limit N]</c>: renders the MBO records of a DBN file
/// exactly as databento-python's <c>to_csv</c>/<c>to_json</c> do, so our decoding can be diffed against
/// Databento's. Streams: records are written as they are decoded, and records before a corrupt spot are
/// printed before the error.
/// </summary>
internal static class DbnPrintCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "DBN file (v1, v2 or v3) holding MBO records." };
        var format = new Option<string>("--format")
        {
            Description = "Output format: csv (with header) or json (one object per line).",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var limit = new Option<long?>("--limit") { Description = "Print at most N MBO records.", HelpName = "N" };

        var command = new Command("print", "Print the MBO records of a DBN file as CSV or JSON lines, byte-identical to Databento's rendering.");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.Options.Add(limit);
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            parse.GetValue(format) == "json" ? DbnTextFormat.Json : DbnTextFormat.Csv,
            parse.GetValue(limit),
            Console.Out));
        return command;
    }

    /// <summary>Prints <paramref name="path"/> to <paramref name="output"/>; returns the exit code.</summary>
    internal static int Run(string path, DbnTextFormat format, long? limit, TextWriter output)
    {
        if (limit is <= 0)
            throw new ArgumentException($"--limit must be a positive number of records, got {limit}");
        using var reader = DbnFileReader.Open(path);
        var text = new DbnTextWriter(output, format, reader.Metadata.TsOut);
        var max = limit ?? long.MaxValue;
        long printed = 0;
        var evt = default(MboEvent);
        try
        {
            text.WriteHeader();
            while (printed < max && reader.Read(ref evt))
            {
                if (evt.Kind != EventKind.Mbo)
                    continue;
                text.Write(evt, reader.LastTsOut);
                printed++;
            }
        }
        finally
        {
            // Records decoded before an error are printed before the error is reported.
            text.Flush();
        }

        return ExitCodes.Ok;
    }
}
