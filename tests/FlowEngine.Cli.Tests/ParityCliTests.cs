using FlowEngine.Engine.Parity;
using FlowEngine.Journal;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// The issue's acceptance path as processes: <c>run --source dbn:&lt;ES files&gt; --speed max</c>, then
/// <c>parity</c> on its run directory, then <c>replay</c>; plus parity's failure modes.
/// </summary>
public sealed class ParityCliTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDir _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args) => RunProcess.Run(Dir, Timeout, args);

    private string RunEs(string runId)
    {
        var files = string.Join(',', TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn"), TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn"));
        var (code, stdout, stderr) = Run("run", "--source", "dbn:" + files, "--speed", "max", "--no-status", "--run-id", runId);
        Assert.True(code == 0, stderr);
        Assert.Contains("17077: 922 bid / 565 ask levels, best 4810.00 / 4810.25, 77,517 events", stdout);
        Assert.Contains("outputs      25,444  (top-of-book 25,440, signal 4)", stdout);
        Assert.Contains("ifd          baseline: warming up (no baseline.snapshot configured; grades capped at MODERATE)", stdout);
        return Path.Combine(Dir, "journal", runId);
    }

    [Fact]
    public void A_dbn_run_passes_parity_and_replays_to_the_same_outputs()
    {
        var runDir = RunEs("es");

        var (code, stdout, stderr) = Run("parity", runDir);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("parity: 25444 outputs, 0 differences", stdout);
        Assert.Contains("compared: top-of-book 25440, signal 4", stdout);
        Assert.Contains($"replayed 84717 inputs from {runDir}", stdout); // 77,517 events, 7,199 ticks, 1 end-of-input tick

        (code, stdout, stderr) = Run("replay", runDir, "--no-status", "--run-id", "es-replay", "--thread-layout", "per-handler");
        Assert.True(code == 0, stderr);
        var replayDir = Path.Combine(Dir, "journal", "es-replay");
        Assert.Contains($"run directory: {replayDir}", stdout);
        Assert.Contains("source replay es", stdout);
        Assert.Equal(OutputDigest.Compute(Path.Combine(runDir, "outputs")), OutputDigest.Compute(Path.Combine(replayDir, "outputs")));

        (code, stdout, _) = Run("parity", replayDir, "--thread-layout", "fused", "--wait-strategy", "yielding");
        Assert.Equal(0, code);
        Assert.Contains("parity: 25444 outputs, 0 differences", stdout);
    }

    [Fact]
    public void A_tampered_output_is_exit_1_with_the_first_difference_and_a_damaged_journal_is_exit_2()
    {
        var runDir = RunEs("es-t");
        var outputs = Path.Combine(runDir, "outputs");
        var records = new List<(ushort Kind, long Seq, byte[] Payload)>();
        using (var reader = JournalReader.Open(outputs))
        {
            while (reader.TryRead(out var r))
                records.Add((r.OutputKind, r.Sequence, r.Payload.ToArray()));
        }
        Directory.Delete(outputs, recursive: true);
        using (var writer = new JournalWriter(new JournalOptions { Root = runDir, RunId = "outputs", Durability = DurabilityPolicy.None }))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var payload = records[i].Payload;
                if (i == 777)
                    payload[16] ^= 1; // bid price changes by 1e-9
                writer.AppendOutput(records[i].Kind, records[i].Seq, payload);
            }
        }

        var (code, stdout, _) = Run("parity", runDir);
        Assert.Equal(1, code);
        Assert.Contains("parity: 777 outputs matched before the first difference, 1 difference", stdout);
        Assert.Contains($"first difference at output #777, input sequence {records[777].Seq}:", stdout);
        Assert.Matches(@"expected top-of-book \(kind 1\) for input \d+: instrument 17077 ts_recv \d+: bid 4\d+\.\d{9} x", stdout);
        Assert.Matches(@"actual   top-of-book \(kind 1\) for input \d+: instrument 17077 ts_recv \d+: bid 4\d+\.\d\d x", stdout);

        var segment = Directory.EnumerateFiles(Path.Combine(runDir, "inputs"), "*.fej").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 3] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);
        string stderr;
        (code, _, stderr) = Run("parity", runDir);
        Assert.Equal(2, code);
        Assert.Contains($"error: journal {Path.Combine(runDir, "inputs")} is damaged:", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_tampered_signal_is_exit_1_with_the_signal_and_its_factors_printed()
    {
        var runDir = RunEs("es-s");
        var outputs = Path.Combine(runDir, "outputs");
        var records = new List<(ushort Kind, long Seq, byte[] Payload)>();
        using (var reader = JournalReader.Open(outputs))
        {
            while (reader.TryRead(out var r))
                records.Add((r.OutputKind, r.Sequence, r.Payload.ToArray()));
        }
        var target = records.FindIndex(r => r.Kind == JournalOutputKinds.Signal);
        Assert.True(target > 0, "the ES run has signals");
        Directory.Delete(outputs, recursive: true);
        using (var writer = new JournalWriter(new JournalOptions { Root = runDir, RunId = "outputs", Durability = DurabilityPolicy.None }))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var payload = records[i].Payload;
                if (i == target)
                    payload[112 + 24] ^= 0x10; // a low bit of the market-making probability (f64 at 136)
                writer.AppendOutput(records[i].Kind, records[i].Seq, payload);
            }
        }

        var (code, stdout, stderr) = Run("parity", runDir);

        Assert.True(code == 1, stderr + stdout);
        Assert.Contains($"parity: {target} outputs matched before the first difference, 1 difference", stdout);
        Assert.Contains($"first difference at output #{target}, input sequence {records[target].Seq}:", stdout);
        Assert.Matches($@"expected signal \(kind 2\) for input {records[target].Seq}: 2023-12-25T\d\d:\d\d:\d\d\.\d{{9}}Z \(17077\) ABSORPTION (BUY|SELL) MODERATE MONITOR confidence 0\.\d{{3}} \| ", stdout);
        Assert.Matches(@"actual   signal \(kind 2\) for input \d+: .* \| baseline: warming up \(value \d+\) \| mm \d\.\d\d \| coordination", stdout);
        Assert.Matches(@"differs  MarketMaking [0-9.E-]+ → [0-9.E-]+$", stdout.Split('\n').Single(l => l.StartsWith("  differs", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parity_and_replay_of_something_that_is_not_a_run_are_exit_2()
    {
        var (code, _, stderr) = Run("parity", Path.Combine(Dir, "nowhere"));
        Assert.Equal(2, code);
        Assert.Contains("error: run directory not found: ", stderr);

        Directory.CreateDirectory(Path.Combine(Dir, "empty"));
        (code, _, stderr) = Run("replay", Path.Combine(Dir, "empty"));
        Assert.Equal(2, code);
        Assert.Contains("is not a run directory: it has no inputs/ journal", stderr);
    }
}
