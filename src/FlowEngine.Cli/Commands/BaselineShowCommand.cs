using System.CommandLine;
using System.Globalization;
using FlowEngine.Flow.Baselines;

namespace FlowEngine.Cli.Commands;

/// <summary><c>flowengine baseline show PATH</c>: one line per series with its history's median, MAD, mean and spread.</summary>
internal static class BaselineShowCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "Baseline snapshot file." };
        var command = new Command("show", "Summarise a baseline snapshot.");
        command.Arguments.Add(path);
        command.SetAction(parse => Run(parse.GetValue(path)!, Console.Out));
        return command;
    }

    public static int Run(string path, TextWriter output)
    {
        BaselineCommand.RequireFiles([path]);
        var store = BaselineSnapshot.Load(path);
        var o = store.Options;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline {path}: {store.SessionsEnded} sessions ended, {store.SeriesCount} series; keeps {o.SessionsKept} sessions, {o.BucketMinutes}-minute buckets, ready after {o.MinSessions} sessions and {o.MinSamples} samples"));
        store.Describe(output);
        return ExitCodes.Ok;
    }
}
