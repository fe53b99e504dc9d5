using System.CommandLine;
using FlowEngine.Journal;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine journal export DIR --format dbn --out FILE</c>: writes the journal's MBO inputs as a standard
/// DBN file that <c>flowengine book</c> and Databento's tools read. DIR is a run directory (its <c>inputs/</c>
/// journal is exported) or one journal directory.
/// </summary>
internal static class JournalExportCommand
{
    public static Command Create()
    {
        var dir = JournalCommand.RunDirectoryArgument();
        var format = new Option<string>("--format")
        {
            Description = "Output format; only dbn for now.",
            DefaultValueFactory = _ => "dbn",
        };
        format.AcceptOnlyFromAmong("dbn");
        var output = new Option<string>("--out")
        {
            Description = "The file to write (replaced if it exists; written completely or not at all).",
            Required = true,
        };
        var dataset = new Option<string>("--dataset")
        {
            Description = "Dataset to record in the DBN metadata, e.g. GLBX.MDP3 (the journal does not record one).",
            DefaultValueFactory = _ => "",
        };
        var skip = new Option<bool>("--skip-bad-blocks")
        {
            Description = "Skip damaged blocks instead of stopping, and report exactly what was skipped.",
        };
        var command = new Command("export", "Write a journal's MBO inputs as a DBN file.") { dir, format, output, dataset, skip };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(dir), parse.GetRequiredValue(output), parse.GetValue(dataset) ?? "", parse.GetValue(skip),
            parse.InvocationConfiguration.Output));
        return command;
    }

    public static int Run(string directory, string outputPath, string dataset, bool skipBadBlocks, TextWriter output)
    {
        var inputs = Path.Combine(directory, Engine.Runs.RunLayout.InputsName);
        var journal = Directory.Exists(inputs) ? inputs : directory;
        var result = JournalDbnExport.ToDbn(journal, outputPath, dataset, new JournalReadOptions { SkipBadBlocks = skipBadBlocks });
        output.WriteLine($"export: wrote {JournalReport.Count(result.MboRecords)} MBO records to {result.OutputPath}");
        if (result.SkippedInputs.Count > 0)
            output.WriteLine("export: left out engine events without a DBN encoding: " +
                             string.Join(", ", result.SkippedInputs.Select(p => $"{JournalReport.Count(p.Value)} {JournalInspectCommand.KindName(p.Key)}")));
        if (result.SkippedOutputs > 0)
            output.WriteLine($"export: left out {JournalReport.Count(result.SkippedOutputs)} output records (DBN holds market data only)");
        if (result.Problems.Count == 0)
            return ExitCodes.Ok;
        output.WriteLine($"export: skipped damage ({result.Problems.Count}):");
        foreach (var p in result.Problems)
            output.WriteLine("  " + p.Message);
        return ExitCodes.Problem;
    }
}
