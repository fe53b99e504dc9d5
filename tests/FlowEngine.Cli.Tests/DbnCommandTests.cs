using System.Text;
using FlowEngine.Cli.Commands;
using FlowEngine.Market.Dbn;
using FlowEngine.Tests;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// <c>flowengine dbn print/info</c>: output byte-identical to databento-python's expected renderings, checked
/// both in-process and through the real executable (so console encoding and line endings are covered too).
/// </summary>
public sealed class DbnCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static string Python(string name) => TestPaths.Data("dbn-format", "databento-python", name);

    private static (int ExitCode, byte[] Stdout, string Stderr) RunFlowengine(params string[] args)
    {
        var result = CliProcess.Run(args);
        return (result.ExitCode, result.OutBytes, result.Err);
    }

    [Theory]
    [InlineData("csv", "GLBX.MDP3.test_data.mbo.expected.csv")]
    [InlineData("json", "GLBX.MDP3.test_data.mbo.expected.jsonl")]
    public void Print_process_output_is_byte_identical_to_databento_python(string format, string expected)
    {
        var (exit, stdout, stderr) = RunFlowengine("dbn", "print", Python("GLBX.MDP3.test_data.mbo.dbn"), "--format", format);

        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllBytes(Python(expected)), stdout);
    }

    [Fact]
    public void Print_defaults_to_csv()
    {
        var (exit, stdout, _) = RunFlowengine("dbn", "print", Python("GLBX.MDP3.test_data.mbo.dbn"));

        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllBytes(Python("GLBX.MDP3.test_data.mbo.expected.csv")), stdout);
    }

    [Theory]
    [InlineData(DbnTextFormat.Csv, "GLBX.MDP3.test_data.mbo.expected.csv")]
    [InlineData(DbnTextFormat.Json, "GLBX.MDP3.test_data.mbo.expected.jsonl")]
    public void Print_in_process_is_byte_identical_to_databento_python(DbnTextFormat format, string expected)
    {
        var output = new StringWriter();

        var exit = DbnPrintCommand.Run(Python("GLBX.MDP3.test_data.mbo.dbn"), format, null, output);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(File.ReadAllBytes(Python(expected)), Encoding.UTF8.GetBytes(output.ToString()));
    }

    [Fact]
    public void Limit_prints_the_first_n_records()
    {
        var output = new StringWriter();

        DbnPrintCommand.Run(Python("GLBX.MDP3.test_data.mbo.dbn"), DbnTextFormat.Json, 2, output);

        var expected = File.ReadAllText(Python("GLBX.MDP3.test_data.mbo.expected.jsonl")).Split('\n');
        Assert.Equal(string.Join('\n', expected.Take(2)) + "\n", output.ToString());
    }

    [Fact]
    public void Non_positive_limit_is_a_user_error()
    {
        var (exit, stdout, stderr) = RunFlowengine("dbn", "print", Python("GLBX.MDP3.test_data.mbo.dbn"), "--limit", "0");

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Empty(stdout);
        Assert.Equal("error: --limit must be a positive number of records, got 0", stderr.Trim());
    }

    [Fact]
    public void Legacy_dbz_file_is_a_one_line_user_error()
    {
        var path = TestPaths.Data("dbn-format", "test_data.mbo.dbz");

        var (exit, stdout, stderr) = RunFlowengine("dbn", "print", path);

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"error: {path}: byte 0: legacy DBZ container, convert with `dbn` CLI", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Corrupt_file_prints_the_good_records_then_the_error()
    {
        var bytes = File.ReadAllBytes(Python("GLBX.MDP3.test_data.mbo.dbn"));
        var path = Path.Combine(_tmp.Path, "cut.dbn");
        File.WriteAllBytes(path, bytes[..^30]);

        var (exit, stdout, stderr) = RunFlowengine("dbn", "print", path);

        var expected = File.ReadAllText(Python("GLBX.MDP3.test_data.mbo.expected.csv")).Split('\n');
        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Equal(string.Join('\n', expected.Take(4)) + "\n", Encoding.UTF8.GetString(stdout));
        Assert.StartsWith($"error: {path}: byte {bytes.Length - 56} (record 3): truncated record", stderr);
    }

    [Fact]
    public void Print_rejects_a_file_of_another_schema_naming_it()
    {
        var path = TestPaths.Data("dbn-format", "test_data.mbp-10.dbn");

        var (exit, _, stderr) = RunFlowengine("dbn", "print", path);

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("the file holds mbp-10 records", stderr);
    }

    [Fact]
    public void Missing_file_is_a_user_error()
    {
        var path = Path.Combine(_tmp.Path, "absent.dbn");

        var (exit, _, stderr) = RunFlowengine("dbn", "print", path);

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.StartsWith("error: file not found: " + path, stderr);
    }

    [Fact]
    public void Info_summarises_metadata_and_counts_records_of_any_schema()
    {
        var output = new StringWriter();

        DbnInfoCommand.Run(TestPaths.Data("dbn-format", "test_data.mbp-10.dbn"), output);

        var text = output.ToString();
        Assert.Contains("version      2\n", text);
        Assert.Contains("dataset      GLBX.MDP3\n", text);
        Assert.Contains("schema       mbp-10\n", text);
        Assert.Contains("symbols      1: ESH1\n", text);
        Assert.Contains("  ESH1 -> 5482 from 2020-12-28 until 2020-12-29\n", text);
        Assert.Contains("records      2 (1089 bytes)\n", text);
        Assert.Contains("  mbp-10 (0x0A)         2\n", text);
    }

    [Fact]
    public void Info_lists_definitions()
    {
        var output = new StringWriter();

        DbnInfoCommand.Run(TestPaths.Data("dbn-cme", "orderbooks_definition.dbn"), output);

        Assert.Contains("  5602 ESM4 class=F tick=250000000 multiplier=50000000000 currency=USD\n", output.ToString());
    }
}
