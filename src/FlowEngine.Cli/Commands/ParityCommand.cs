using System.CommandLine;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine parity DIR</c>: recomputes every output of a run from its journaled inputs (same stages,
/// in-process) and compares them, in order, with the journaled outputs. Exit 0 with
/// <c>parity: N outputs, 0 differences</c>; exit 1 with the first difference; exit 2 when a journal is
/// missing or damaged.
/// </summary>
internal static class ParityCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The run directory to check (holds inputs/, outputs/ and run.json)" };
        var layoutOption = new Option<string?>("--thread-layout") { Description = "Replay with this thread layout instead of the recorded one (fused|per-handler|single)" };
        var waitOption = new Option<string?>("--wait-strategy") { Description = "Replay with this wait strategy instead of the recorded one" };
        var command = new Command("parity", "Recompute a run's outputs from its journaled inputs and compare them with the journaled outputs");
        command.Arguments.Add(directory);
        command.Options.Add(layoutOption);
        command.Options.Add(waitOption);
        command.SetAction(parse =>
        {
            var layout = RunLayout.Existing(parse.GetValue(directory)!);
            var ring = ParityCheck.RecordedRing(layout) ?? new RingConfig();
            if (parse.GetValue(layoutOption) is { } l)
                ring = ring with { ThreadLayout = Parse(ConfigNames.ThreadLayouts, l, "--thread-layout") };
            if (parse.GetValue(waitOption) is { } w)
                ring = ring with { WaitStrategy = Parse(ConfigNames.WaitStrategies, w, "--wait-strategy") };
            var result = ParityCheck.Run(layout.Directory, ring);
            Print(result, parse.InvocationConfiguration.Output);
            return result.Matches ? ExitCodes.Ok : ExitCodes.Problem;
        });
        return command;
    }

    internal static void Print(ParityResult result, TextWriter output)
    {
        if (result.Matches)
        {
            output.WriteLine($"parity: {result.OutputsCompared} outputs, 0 differences");
        }
        else
        {
            output.WriteLine($"parity: {result.OutputsCompared} outputs matched before the first difference, 1 difference");
            output.WriteLine(result.Difference!.Describe());
        }
        output.WriteLine($"replayed {result.InputsReplayed} inputs from {result.RunDirectory}");
        if (!result.Complete)
        {
            output.WriteLine($"note: the run did not close cleanly; outputs were compared up to input sequence {result.CompareLimit}"
                + (result.OutputsNotCompared > 0 ? $", {result.OutputsNotCompared} recomputed outputs past it were not compared" : ""));
        }
    }

    private static T Parse<T>(IReadOnlyList<(string Name, T Value)> table, string text, string flag) where T : struct, Enum =>
        ConfigNames.TryParse(table, text, out var value)
            ? value
            : throw new ArgumentException($"{flag} must be one of {ConfigNames.Choices(table)}, got \"{text}\"");
}
