using System.CommandLine;
using System.Globalization;
using FlowEngine.Market.Dbn;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine book FILE... [--instrument ID] [--depth N] [--bbo-csv OUT]</c>: replays DBN MBO files in
/// order into exact L3 books and prints the final book of each instrument, optionally writing the top of
/// book after every F_LAST record. The quickest way to check the book against a known answer.
/// </summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "DBN files with MBO records, replayed in the order given (e.g. a snapshot file, then the day).",
            Arity = ArgumentArity.OneOrMore,
        };
        var instrument = new Option<uint?>("--instrument")
        {
            Description = "Only replay and print this instrument id. Default: every instrument, sorted by id.",
        };
        var depth = new Option<int>("--depth")
        {
            Description = "Price levels to print per side (0 for none).",
            DefaultValueFactory = _ => 10,
        };
        var bboCsv = new Option<string?>("--bbo-csv")
        {
            Description = "Write the top of book after every F_LAST record to this CSV file "
                + "(index,ts_recv,sequence,bid_px,bid_sz,bid_ct,ask_px,ask_sz,ask_ct; raw 1e-9 prices; empty fields for an empty side).",
        };

        var command = new Command("book", "Replay DBN MBO files into L3 order books and print the final book.");
        command.Arguments.Add(files);
        command.Options.Add(instrument);
        command.Options.Add(depth);
        command.Options.Add(bboCsv);
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(instrument),
            parse.GetValue(depth),
            parse.GetValue(bboCsv),
            Console.Out));
        return command;
    }

    /// <summary>Runs the command; user errors surface as exceptions that <see cref="Program"/> turns into one line.</summary>
    public static int Run(IReadOnlyList<string> files, uint? instrument, int depth, string? bboCsvPath, TextWriter output)
    {
        if (depth < 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--depth must be 0 or more, got {depth}"));
        foreach (var file in files)
        {
            // Check every input before writing anything, so a typo in the last file does not leave a partial CSV.
            if (!File.Exists(file))
                throw new FileNotFoundException($"file not found: {file}", file);
        }

        var replay = new BookReplay(instrument);
        using (var bbo = bboCsvPath is null ? null : new BookBboCsvWriter(bboCsvPath))
        {
            try
            {
                foreach (var file in files)
                    replay.Replay(file, bbo);
            }
            catch (Exception ex) when ((ex is DbnFormatException or InvalidDataException) && replay.Books.Count > 0)
            {
                // Keep what was good: show the books as of the last intact record, then let the error surface.
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"replay stopped at a damaged record after {replay.Records} records; the books below hold every record before it"));
                WriteBooks(replay, depth, output);
                throw;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"replayed {files.Count} file(s): {replay.Records} records, {replay.MboRecords} MBO, instruments {string.Join(", ", replay.InstrumentsSeen)}"));
            if (bbo is not null)
            {
                var which = replay.BboInstrument is { } id ? string.Create(CultureInfo.InvariantCulture, $"instrument {id}") : "no F_LAST record";
                var note = instrument is null && replay.InstrumentsSeen.Count > 1
                    ? " (the first instrument in the data; choose another with --instrument)"
                    : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bbo csv: {bbo.Rows} rows for {which}{note} -> {bboCsvPath}"));
            }
        }

        if (instrument is { } wanted && !replay.Books.TryGetBook(wanted, out _))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--instrument {wanted}: no MBO records for it in the files (instruments present: {(replay.InstrumentsSeen.Count == 0 ? "none" : string.Join(", ", replay.InstrumentsSeen))})"));
        }
        WriteBooks(replay, depth, output);
        return ExitCodes.Ok;
    }

    private static void WriteBooks(BookReplay replay, int depth, TextWriter output)
    {
        if (replay.Books.Count == 0)
            output.WriteLine("no MBO records: no book to print");
        foreach (var book in replay.Books.Books)
            BookReport.Write(output, book, depth);
    }
}
