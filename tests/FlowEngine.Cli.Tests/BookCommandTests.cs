using System.Text.RegularExpressions;
using FlowEngine.Book;
using FlowEngine.Cli.Commands;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

public sealed class BookCommandTests : IDisposable
{
    private static readonly string Day25 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
    private static readonly string Snapshot24 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn");
    private static readonly string Esm4 = TestPaths.Data("dbn-cme", "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn");

    private readonly string _temp = Directory.CreateTempSubdirectory("flowengine-book-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Run(IReadOnlyList<string> files, uint? instrument = null, int depth = 10, string? bbo = null)
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, BookCommand.Run(files, instrument, depth, bbo, output));
        return output.ToString();
    }

    private static void AssertKnownAnswer(string output)
    {
        Assert.Matches(@"(?m)^instrument 17077$", output);
        Assert.Matches(@"(?m)^  levels\s+bid 922  ask 565$", output);
        Assert.Matches(@"(?m)^  best bid\s+4810\.00  size \d+  orders \d+$", output);
        Assert.Matches(@"(?m)^  best ask\s+4810\.25  size \d+  orders \d+$", output);
        Assert.Matches(@"(?m)^  last ts_recv\s+1703548799446821072 \(2023-12-25T23:59:59\.446821072Z\)$", output);
        Assert.Matches(@"(?m)^  last sequence\s+59585$", output);
        Assert.Matches(@"(?m)^  consistent\s+yes", output);
    }

    private static List<MboEvent> Records(params string[] files)
    {
        var records = new List<MboEvent>();
        foreach (var file in files)
        {
            using var reader = DbnFileReader.Open(file);
            var evt = default(MboEvent);
            while (reader.Read(ref evt))
                records.Add(evt);
        }
        return records;
    }

    [Fact]
    public void The_executable_prints_the_known_answer_for_the_es_day()
    {
        var result = CliProcess.Run("book", Day25);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        AssertKnownAnswer(result.Out);
        Assert.Contains("replayed 1 file(s): 68792 records, 68792 MBO, instruments 17077", result.Out);
    }

    [Fact]
    public void After_the_snapshot_file_the_answer_is_the_same_and_the_repeated_snapshot_is_reported()
    {
        var output = Run([Snapshot24, Day25]);

        AssertKnownAnswer(output);
        Assert.Matches(@"(?m)^  anomalies\s+.*duplicate add 8725", output);
        Assert.Contains("77517 records", output);
    }

    [Fact]
    public void Depth_prints_that_many_levels_best_first_matching_the_best_bid_and_ask()
    {
        var output = Run([Day25], instrument: 17077, depth: 3);

        var rows = Regex.Matches(output, @"(?m)^\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+\|\s+([\d.]+)\s+(\d+)\s+(\d+)$");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.Groups[1].Value));
        var top = rows[0].Groups;
        Assert.Equal("4810.00", top[4].Value);
        Assert.Equal("4810.25", top[5].Value);
        Assert.Matches($@"(?m)^  best bid\s+4810\.00  size {top[3].Value}  orders {top[2].Value}$", output);
        Assert.Matches($@"(?m)^  best ask\s+4810\.25  size {top[6].Value}  orders {top[7].Value}$", output);
        Assert.True(decimal.Parse(rows[1].Groups[4].Value) < decimal.Parse(top[4].Value), "bids must go down");
        Assert.True(decimal.Parse(rows[1].Groups[5].Value) > decimal.Parse(top[5].Value), "asks must go up");
    }

    [Fact]
    public void Depth_zero_prints_no_level_table()
    {
        var output = Run([Day25], depth: 0);

        AssertKnownAnswer(output);
        Assert.DoesNotContain("bid orders", output);
    }

    [Fact]
    public void Bbo_csv_has_the_header_and_one_row_per_f_last_record_with_the_top_after_it()
    {
        var csv = Path.Combine(_temp, "bbo.csv");
        var output = Run([Day25], bbo: csv);

        var lines = File.ReadAllLines(csv);
        Assert.Equal("index,ts_recv,sequence,bid_px,bid_sz,bid_ct,ask_px,ask_sz,ask_ct", lines[0]);
        var records = Records(Day25);
        var lastFlags = records.Select((r, i) => (r, i)).Where(x => (x.r.Flags & MboFlags.Last) != 0).ToList();
        Assert.Equal(lastFlags.Count, lines.Length - 1);
        Assert.Contains($"bbo csv: {lastFlags.Count} rows for instrument 17077 -> {csv}", output);

        // Every row names an F_LAST record by its position, with that record's ts_recv and sequence.
        for (var k = 0; k < lastFlags.Count; k++)
        {
            var fields = lines[k + 1].Split(',');
            Assert.Equal(9, fields.Length);
            var (record, index) = lastFlags[k];
            Assert.Equal(index.ToString(), fields[0]);
            Assert.Equal(record.TsRecv.ToString(), fields[1]);
            Assert.Equal(record.Sequence.ToString(), fields[2]);
        }

        // The last row is the final book's top, in raw 1e-9 prices.
        var last = lines[^1].Split(',');
        Assert.Equal(["1703548799446821072", "59585", "4810000000000"], last[1..4]);
        Assert.Equal("4810250000000", last[6]);
        Assert.Matches($@"(?m)^  best bid\s+4810\.00  size {last[4]}  orders {last[5]}$", output);
        Assert.Matches($@"(?m)^  best ask\s+4810\.25  size {last[7]}  orders {last[8]}$", output);
    }

    [Fact]
    public void Bbo_csv_rows_agree_with_a_book_replayed_independently()
    {
        var csv = Path.Combine(_temp, "bbo.csv");
        Run([Day25], bbo: csv);
        var lines = File.ReadAllLines(csv);

        var book = new OrderBook(17077);
        var records = Records(Day25);
        var row = 1;
        for (var i = 0; i < records.Count; i++)
        {
            var e = records[i];
            if ((book.Apply(in e) & ApplyResult.Last) == 0)
                continue;
            // Check a spread of rows rather than all 60,000 to keep the test quick.
            if (row % 97 == 1 || row == lines.Length - 1)
            {
                var t = book.ConsistentTop;
                Assert.Equal($"{i},{e.TsRecv},{e.Sequence},{t.BidPrice},{t.BidSize},{t.BidCount},{t.AskPrice},{t.AskSize},{t.AskCount}", lines[row]);
            }
            row++;
        }
        Assert.Equal(lines.Length, row);
    }

    [Fact]
    public void Bbo_rows_write_an_empty_side_as_empty_fields()
    {
        var csv = Path.Combine(_temp, "rows.csv");
        using (var writer = new BookBboCsvWriter(csv))
        {
            writer.Write(0, 5, 6, TopOfBook.Empty);
            writer.Write(1, 7, 8, new TopOfBook(MboEvent.UndefinedPrice, 0, 0, 4_810_250_000_000, 3, 2));
            writer.Write(2, 9, 10, new TopOfBook(-1_500_000_000, 1, 1, MboEvent.UndefinedPrice, 0, 0));
        }

        Assert.Equal(
            "index,ts_recv,sequence,bid_px,bid_sz,bid_ct,ask_px,ask_sz,ask_ct\n0,5,6,,,,,,\n1,7,8,,,,4810250000000,3,2\n2,9,10,-1500000000,1,1,,,\n",
            File.ReadAllText(csv));
    }

    [Fact]
    public void Several_instruments_are_printed_in_id_order_and_the_bbo_follows_the_first_seen()
    {
        var csv = Path.Combine(_temp, "bbo.csv");
        var output = Run([Day25, Esm4], depth: 1, bbo: csv);

        var esm4 = output.IndexOf("instrument 5602\n", StringComparison.Ordinal);
        var esh4 = output.IndexOf("instrument 17077\n", StringComparison.Ordinal);
        Assert.True(esm4 >= 0 && esh4 > esm4, output);
        Assert.Contains("instruments 5602, 17077", output);
        Assert.Contains("rows for instrument 17077 (the first instrument in the data; choose another with --instrument)", output);
    }

    [Fact]
    public void Instrument_filter_replays_only_that_instrument()
    {
        var output = Run([Day25, Esm4], instrument: 5602, depth: 0);

        Assert.DoesNotContain("instrument 17077\n", output);
        Assert.Contains("instrument 5602\n", output);
        Assert.Matches(@"(?m)^  records\s+13796$", output);
    }

    [Fact]
    public void A_missing_file_is_one_error_line_and_exit_code_2()
    {
        var missing = Path.Combine(_temp, "nope.dbn");
        var result = CliProcess.Run("book", Day25, missing);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal($"error: file not found: {missing}", result.Err.Trim());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_negative_depth_is_rejected_with_a_message_naming_the_flag()
    {
        var result = CliProcess.Run("book", Day25, "--depth", "-2");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --depth must be 0 or more, got -2", result.Err.Trim());
    }

    [Fact]
    public void A_depth_that_is_not_a_number_is_a_parse_error_naming_the_flag()
    {
        var result = CliProcess.Run("book", Day25, "--depth", "ten");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--depth", result.Err);
        Assert.Contains("ten", result.Err);
    }

    [Fact]
    public void An_instrument_absent_from_the_files_is_an_error_listing_those_present()
    {
        var ex = Assert.Throws<ArgumentException>(() => Run([Day25], instrument: 1));

        Assert.Equal("--instrument 1: no MBO records for it in the files (instruments present: 17077)", ex.Message);
    }

    [Fact]
    public void A_truncated_file_is_one_error_line_naming_the_file_after_the_book_of_every_intact_record()
    {
        var truncated = Path.Combine(_temp, "truncated.dbn");
        var csv = Path.Combine(_temp, "bbo.csv");
        var bytes = File.ReadAllBytes(Day25);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 20)]);

        var result = CliProcess.Run("book", truncated, "--bbo-csv", csv);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.StartsWith("error: ", result.Err);
        Assert.Contains("truncated.dbn", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        // The cut removes part of the last record: every record before it was replayed and is shown.
        Assert.Contains("replay stopped at a damaged record after 68791 records", result.Out);
        Assert.Matches(@"(?m)^  records\s+68791$", result.Out);
        var intact = Records(Day25)[..^1];
        Assert.Equal(intact.Count(r => (r.Flags & MboFlags.Last) != 0) + 1, File.ReadAllLines(csv).Length);
    }
}
