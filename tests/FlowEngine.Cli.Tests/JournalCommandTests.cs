using System.Diagnostics;
using FlowEngine.Cli.Commands;
using FlowEngine.Journal;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

public sealed class JournalCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static MboEvent Event(long i) => new()
    {
        TsEvent = 1_703_548_799_000_000_000 + i,
        TsRecv = 1_703_548_799_000_000_000 + i * 1000,
        OrderId = (ulong)i,
        Price = 4_810_000_000_000,
        InstrumentId = 17077,
        Size = 1,
        Action = MboAction.Add,
        Side = MboSide.Bid,
        Flags = MboFlags.Last,
    };

    /// <summary>A closed journal of 200 inputs (one top-of-book output per 4) in several small blocks.</summary>
    private string WriteJournal(string runId = "cli-run")
    {
        var options = new JournalOptions
        {
            Root = _tmp.Path,
            RunId = runId,
            EngineVersion = "cli-test 9.9",
            ConfigHash = 0xABCDEF,
            CreatedUnixNanos = 1_703_548_800_000_000_000,
            Durability = DurabilityPolicy.None,
            BlockSize = 1024,
            MaxOutputPayload = 64,
        };
        using var writer = new JournalWriter(options);
        for (var i = 0L; i < 200; i++)
        {
            var e = Event(i);
            writer.AppendInput(in e, i);
            if (i % 4 == 0)
                writer.AppendOutput(JournalOutputKinds.TopOfBook, i, new byte[24]);
            if (i % 25 == 24)
                writer.EndOfBatch();
        }
        return writer.RunDirectory;
    }

    private static string Segment(string run) => Path.Combine(run, "segment-000000.fej");

    /// <summary>Cuts into the last block, as a writer killed mid-write leaves it (no index, no trailer, partial block).</summary>
    private static long Tear(string run)
    {
        var bytes = File.ReadAllBytes(Segment(run));
        var indexOffset = BitConverter.ToInt64(bytes, bytes.Length - 40 + 8);
        var torn = indexOffset - 30;
        File.WriteAllBytes(Segment(run), bytes[..(int)torn]);
        return torn;
    }

    private static (int Code, string Output) Verify(string run)
    {
        var output = new StringWriter();
        return (JournalVerifyCommand.Run(run, output), output.ToString());
    }

    private static (int Code, string Output) Recover(string run, bool yes, bool interactive, string answer = "")
    {
        var output = new StringWriter();
        return (JournalRecoverCommand.Run(run, yes, output, new StringReader(answer), interactive), output.ToString());
    }

    [Fact]
    public void Verify_a_clean_journal_exits_0_and_reports_what_it_holds()
    {
        var run = WriteJournal();
        var (code, output) = Verify(run);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("journal cli-run (", output);
        Assert.Contains("  segments: 1, closed cleanly", output);
        Assert.Contains("  records:  250 (200 inputs, 50 outputs) in ", output);
        Assert.Contains("  sequence: 0..199", output);
        Assert.Contains("  ts_recv:  2023-12-25T23:59:59.000000000Z .. 2023-12-25T23:59:59.000199000Z", output);
        Assert.EndsWith("verify: clean" + Environment.NewLine, output);
    }

    [Fact]
    public void Verify_a_damaged_journal_exits_1_naming_segment_offset_block_and_kind()
    {
        var run = WriteJournal();
        var bytes = File.ReadAllBytes(Segment(run));
        bytes[600] ^= 0x01;
        File.WriteAllBytes(Segment(run), bytes);
        var (code, output) = Verify(run);
        Assert.Equal(ExitCodes.Problem, code);
        Assert.Matches(@"problems \(1\):\n  bad CRC: segment-000000\.fej at byte offset \d+ \(block \d+\): payload CRC32C 0x", output.ReplaceLineEndings("\n"));
        Assert.Contains("verify: damaged, 1 problem(s)", output);
    }

    [Fact]
    public void Verify_reports_a_torn_tail_and_points_to_recover()
    {
        var run = WriteJournal();
        var torn = Tear(run);
        var (code, output) = Verify(run);
        Assert.Equal(ExitCodes.Problem, code);
        Assert.Contains($"  torn tail: segment-000000.fej at byte offset ", output);
        Assert.Contains("verify: damaged, 1 problem(s) (a torn tail: `flowengine journal recover` truncates it)", output);
        Assert.Contains("open (the writer did not close it)", output);
        Assert.True(torn > 0);
    }

    [Fact]
    public void Recover_with_yes_truncates_the_torn_tail_and_says_what_it_dropped()
    {
        var run = WriteJournal();
        Tear(run);
        var (code, output) = Recover(run, yes: true, interactive: false);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^will truncate segment-000000\.fej from \d+ to \d+ bytes, dropping \d+ bytes at byte offset \d+ \(block \d+\); the torn block claimed \d+ records\. Found: torn tail:", output);
        Assert.Contains("recover: done; ", output);
        Assert.Contains("the journal verifies clean", output);
        Assert.Equal(ExitCodes.Ok, Verify(run).Code);
    }

    [Fact]
    public void Recover_refuses_to_change_anything_without_yes_when_not_on_a_terminal()
    {
        var run = WriteJournal();
        Tear(run);
        var before = File.ReadAllBytes(Segment(run));
        var (code, output) = Recover(run, yes: false, interactive: false);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("recover: nothing changed: stdin is not a terminal, so there is no one to confirm; re-run with --yes", output);
        Assert.Equal(before, File.ReadAllBytes(Segment(run)));
    }

    [Fact]
    public void Recover_on_a_terminal_asks_and_respects_the_answer()
    {
        var run = WriteJournal();
        Tear(run);
        var before = File.ReadAllBytes(Segment(run));
        var (no, noOutput) = Recover(run, yes: false, interactive: true, answer: "n\n");
        Assert.Equal(ExitCodes.Problem, no);
        Assert.Contains("Proceed? [y/N] recover: nothing changed", noOutput);
        Assert.Equal(before, File.ReadAllBytes(Segment(run)));

        var (eof, _) = Recover(run, yes: false, interactive: true, answer: "");
        Assert.Equal(ExitCodes.Problem, eof);
        Assert.Equal(before, File.ReadAllBytes(Segment(run)));

        var (yes, yesOutput) = Recover(run, yes: false, interactive: true, answer: "y\n");
        Assert.Equal(ExitCodes.Ok, yes);
        Assert.Contains("recover: done", yesOutput);
        Assert.True(new FileInfo(Segment(run)).Length < before.Length);
    }

    [Fact]
    public void Recover_never_repairs_damage_in_the_middle()
    {
        var run = WriteJournal();
        var bytes = File.ReadAllBytes(Segment(run));
        bytes[600] ^= 0x01;
        File.WriteAllBytes(Segment(run), bytes);
        var (code, output) = Recover(run, yes: true, interactive: false);
        Assert.Equal(ExitCodes.Problem, code);
        Assert.StartsWith("refusing to recover: the journal has damage that is not a torn tail, and recovery never repairs that", output);
        Assert.Contains("bad CRC: segment-000000.fej", output);
        Assert.Equal(bytes, File.ReadAllBytes(Segment(run)));
    }

    [Fact]
    public void Recover_on_a_clean_journal_does_nothing()
    {
        var run = WriteJournal();
        var (code, output) = Recover(run, yes: false, interactive: false);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("journal is clean: nothing to recover" + Environment.NewLine, output);
    }

    [Fact]
    public void Inspect_summarises_header_segments_kinds_time_and_compression()
    {
        var run = WriteJournal();
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, JournalInspectCommand.Run(run, output));
        var text = output.ToString();
        Assert.Contains("run:          cli-run", text);
        Assert.Contains("format:       version 1", text);
        Assert.Contains("created:      2023-12-26T00:00:00.0000000Z (wall clock at run start)", text);
        Assert.Contains("engine:       cli-test 9.9", text);
        Assert.Contains("config hash:  0x0000000000ABCDEF", text);
        Assert.Matches(@"compression:  LZ4 over record-transposed blocks \(liblz4 1\.\d+\.\d+\)", text);
        Assert.Contains("durability:   none", text);
        Assert.Contains("state:        closed cleanly by the writer", text);
        Assert.Contains("segments:     1", text);
        Assert.Contains("records:      250 in ", text);
        Assert.Contains("  inputs      200", text);
        Assert.Contains("    mbo                   200", text);
        Assert.Contains("  outputs     50", text);
        Assert.Contains("    top-of-book           50", text);
        Assert.Contains("sequence:     0..199", text);
        Assert.Matches(@"compression:  [\d,]+ raw bytes in [\d,]+ stored bytes, ratio \d+\.\d\d:1 \(\d+ of \d+ blocks compressed\)", text);
    }

    // ---- The real executable: exit codes, the one-line error, and stdin detection.

    private static (int Code, string Stdout, string Stderr) Flowengine(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "flowengine.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "flowengine did not exit");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Executable_exit_codes_and_messages()
    {
        var run = WriteJournal();
        Assert.Equal(ExitCodes.Ok, Flowengine("journal", "verify", run).Code);

        var missing = Flowengine("journal", "verify", Path.Combine(_tmp.Path, "nope"));
        Assert.Equal(ExitCodes.UserError, missing.Code);
        Assert.Equal($"error: journal directory not found: {Path.Combine(_tmp.Path, "nope")}", missing.Stderr.Trim());

        Tear(run);
        Assert.Equal(ExitCodes.Problem, Flowengine("journal", "verify", run).Code);
        var refused = Flowengine("journal", "recover", run);
        Assert.Equal(ExitCodes.UserError, refused.Code);
        Assert.Contains("stdin is not a terminal", refused.Stdout);
        var recovered = Flowengine("journal", "recover", run, "--yes");
        Assert.Equal(ExitCodes.Ok, recovered.Code);
        Assert.Equal(ExitCodes.Ok, Flowengine("journal", "verify", run).Code);
        var inspect = Flowengine("journal", "inspect", run);
        Assert.Equal(ExitCodes.Ok, inspect.Code);
        Assert.Contains("state:        open: the writer did not close the last segment", inspect.Stdout);
    }

    [Fact]
    public void Export_to_dbn_gives_a_file_the_book_command_replays_to_the_known_answer()
    {
        // Journal the real ES day, export it, and replay the export: the L3 book must match NautilusTrader's answer.
        var day = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
        var options = new JournalOptions { Root = _tmp.Path, RunId = "es-day", Durability = DurabilityPolicy.None };
        using (var writer = new JournalWriter(options))
        using (var dbn = DbnFileReader.Open(day))
        {
            var evt = default(MboEvent);
            var seq = 0L;
            while (dbn.Read(ref evt))
            {
                writer.AppendInput(in evt, seq++);
                if (evt.IsLast)
                    writer.EndOfBatch();
            }
        }
        var run = Path.Combine(_tmp.Path, "es-day");
        var file = Path.Combine(_tmp.Path, "es-day.dbn");
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, JournalExportCommand.Run(run, file, "GLBX.MDP3", skipBadBlocks: false, output));
        Assert.Equal($"export: wrote 68,792 MBO records to {file}" + Environment.NewLine, output.ToString());

        var book = new StringWriter();
        Assert.Equal(ExitCodes.Ok, BookCommand.Run([file], null, 1, null, book));
        var text = book.ToString();
        Assert.Matches(@"(?m)^  levels\s+bid 922  ask 565$", text);
        Assert.Matches(@"(?m)^  best bid\s+4810\.00  size \d+  orders \d+$", text);
        Assert.Matches(@"(?m)^  best ask\s+4810\.25  size \d+  orders \d+$", text);
        Assert.Matches(@"(?m)^  last ts_recv\s+1703548799446821072 ", text);
        Assert.Matches(@"(?m)^  last sequence\s+59585$", text);

        var exe = Flowengine("journal", "export", run, "--format", "dbn", "--out", file + "2", "--dataset", "GLBX.MDP3");
        Assert.Equal(ExitCodes.Ok, exe.Code);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(file + "2"));
    }

    [Fact]
    public void Export_reports_left_out_events_and_skipped_damage()
    {
        var run = WriteJournal();
        var file = Path.Combine(_tmp.Path, "out.dbn");
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, JournalExportCommand.Run(run, file, "", skipBadBlocks: false, output));
        Assert.Contains("export: wrote 200 MBO records to ", output.ToString());
        Assert.Contains("export: left out 50 output records (DBN holds market data only)", output.ToString());

        var bytes = File.ReadAllBytes(Segment(run));
        bytes[600] ^= 0x01;
        File.WriteAllBytes(Segment(run), bytes);
        var error = Assert.Throws<JournalCorruptException>(() => JournalExportCommand.Run(run, file, "", skipBadBlocks: false, new StringWriter()));
        Assert.Contains("bad CRC: segment-000000.fej at byte offset", error.Message);
        var skipped = new StringWriter();
        Assert.Equal(ExitCodes.Problem, JournalExportCommand.Run(run, file, "", skipBadBlocks: true, skipped));
        Assert.Matches(@"export: skipped damage \(1\):\s+bad CRC: segment-000000\.fej at byte offset \d+ \(block \d+\)", skipped.ToString());
    }

    [Fact]
    public void Export_of_a_run_directory_exports_its_inputs_journal()
    {
        // A run directory as `flowengine run` lays it out: inputs/ and outputs/ journals side by side.
        var runDir = Path.Combine(_tmp.Path, "a-run");
        foreach (var stream in new[] { "inputs", "outputs" })
        {
            using var writer = new JournalWriter(new JournalOptions { Root = runDir, RunId = stream, Durability = DurabilityPolicy.None });
            for (var i = 0L; i < 10; i++)
            {
                if (stream == "inputs")
                {
                    var e = Event(i);
                    writer.AppendInput(in e, i);
                }
                else
                {
                    writer.AppendOutput(JournalOutputKinds.TopOfBook, i, new byte[8]);
                }
            }
        }
        var file = Path.Combine(_tmp.Path, "run.dbn");
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, JournalExportCommand.Run(runDir, file, "", skipBadBlocks: false, output));
        Assert.Equal($"export: wrote 10 MBO records to {file}" + Environment.NewLine, output.ToString());
        using var reader = DbnFileReader.Open(file);
        var evt = default(MboEvent);
        for (var i = 0L; i < 10; i++)
        {
            Assert.True(reader.Read(ref evt));
            Assert.Equal(Event(i), evt);
        }
        Assert.False(reader.Read(ref evt));
    }
}
