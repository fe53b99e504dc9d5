using FlowEngine.Cli.Commands;
using FlowEngine.Flow.Baselines;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

public sealed class BaselineCommandTests : IDisposable
{
    private static readonly string Day25 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
    private static readonly string Snapshot24 = TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn");

    private readonly string _temp = Directory.CreateTempSubdirectory("flowengine-baseline-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Build(string name, string? from, params string[] files)
    {
        var path = Path.Combine(_temp, name);
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, BaselineBuildCommand.Run(files, path, from, new BaselineOptions(), output));
        Assert.Contains($"-> {path}", output.ToString());
        return path;
    }

    [Fact]
    public void Rebuilding_from_the_same_recordings_gives_the_same_bytes_and_incremental_equals_batch()
    {
        var once = Build("a.txt", null, Snapshot24, Day25, Day25);
        var twice = Build("b.txt", null, Snapshot24, Day25, Day25);
        Assert.Equal(File.ReadAllBytes(once), File.ReadAllBytes(twice));

        var first = Build("c.txt", null, Snapshot24, Day25);
        var incremental = Build("d.txt", first, Day25);
        Assert.Equal(File.ReadAllBytes(once), File.ReadAllBytes(incremental));

        var store = BaselineSnapshot.Load(once);
        Assert.Equal(3, store.SessionsEnded);
        var series = Assert.Single(store.SortedSeries(), s => s.Key.Measure == BaselineMeasure.Imbalance && s.Key.Bucket == 46);
        Assert.Equal(17077u, series.Key.InstrumentId);
        Assert.Equal(2, series.SessionCount); // the snapshot-only file has no trades, so no samples
    }

    [Fact]
    public void Show_lists_every_series_with_its_history()
    {
        var path = Build("a.txt", null, Day25);
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, BaselineShowCommand.Run(path, output));
        var text = output.ToString();
        Assert.Contains("1 sessions ended", text);
        Assert.Matches(@"(?m)^instrument 17077 window 10s imbalance bucket 46: sessions 1 samples \d+ median [\d.]+ .*\(warming up\)$", text);
    }

    [Fact]
    public void Scoring_without_a_baseline_says_warming_up_and_with_one_reports_figures()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, BaselineScoreCommand.Run([Snapshot24, Day25], null, null, output));
        var text = output.ToString();
        Assert.Contains($"{Snapshot24}: 0 signal(s)", text);
        Assert.Contains("baseline: warming up", text);
        Assert.DoesNotContain("robust z", text);
        Assert.Matches(@"(?m)^scored 2 session\(s\), 77517 records: \d+ signals \(EXTREME 0, VERY_HIGH 0, HIGH 0, MODERATE \d+\); baseline none \(warming up\)$", text);

        var history = Build("h.txt", null, Day25, Day25, Day25);
        var scored = new StringWriter();
        var updated = Path.Combine(_temp, "updated.txt");
        Assert.Equal(ExitCodes.Ok, BaselineScoreCommand.Run([Day25], history, updated, scored));
        Assert.Contains("robust z", scored.ToString());
        Assert.Equal(4, BaselineSnapshot.Load(updated).SessionsEnded);
    }

    [Fact]
    public void A_damaged_snapshot_or_a_missing_file_fails_with_one_line_naming_it()
    {
        var bad = Path.Combine(_temp, "bad.txt");
        File.WriteAllText(bad, "flowengine-baseline 1\noptions sessions_kept=20\n");
        var result = CliProcess.Run("baseline", "show", bad);
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal($"error: {bad}: line 2: expected 'options sessions_kept=… bucket_minutes=… min_sessions=… min_samples=… max_samples_per_session=…'", result.Err.Trim());

        var missing = Path.Combine(_temp, "nope.dbn");
        result = CliProcess.Run("baseline", "build", missing, "--out", Path.Combine(_temp, "x.txt"));
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal($"error: file not found: {missing}", result.Err.Trim());
        Assert.False(File.Exists(Path.Combine(_temp, "x.txt")));
    }
}
