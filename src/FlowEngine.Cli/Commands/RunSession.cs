using System.Runtime.InteropServices;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Runs an <see cref="EngineRun"/> the way the CLI does for <c>run</c> and <c>replay</c>: SIGINT/SIGTERM stop it
/// cleanly (a second signal forces the exit with <see cref="ExitCodes.Forced"/>), progress and logs go to
/// standard error, the report table to standard output, and a failure becomes one <c>error:</c> line.
/// </summary>
internal static class RunSession
{
    public static int Execute(EngineRunOptions options, string? reportPath, bool quiet, TextWriter output, TextWriter error)
    {
        var control = options.Control;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, control, error));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, control, error));

        var result = EngineRun.Execute(options with
        {
            Progress = quiet ? null : error,
            ConsoleLogging = !quiet,
            OnStarted = started =>
            {
                if (quiet)
                    return;
                var status = started.StatusEndPoint is { } ep ? $"status socket {ep} (token in {Path.Combine(started.Layout.Directory, "status.token")})" : "status socket off";
                error.WriteLine($"run {started.Layout.RunId}: {started.Source} → {started.Layout.Directory}; {status}");
            },
        });

        if (!quiet)
        {
            RunReportTable.Write(result.Report, output);
            output.WriteLine();
            output.WriteLine($"run directory: {result.Layout.Directory}");
        }
        if (reportPath is not null)
            RunReportJson.WriteFile(result.Report, reportPath);
        if (!result.Succeeded)
        {
            error.WriteLine("error: " + result.FailureMessage);
            return ExitCodes.UserError;
        }
        return ExitCodes.Ok;
    }

    private static void OnSignal(PosixSignalContext context, RunControl control, TextWriter error)
    {
        // Keep the process alive: the run stops itself, cleanly, when the source sees the request.
        context.Cancel = true;
        var name = context.Signal.ToString();
        if (control.RequestStop(name))
        {
            error.WriteLine($"{name}: stopping: draining the ring, closing the journal, writing the report (send it again to force an exit)");
            return;
        }
        error.WriteLine($"{name}: second stop signal: forced exit (the journal may have a torn tail: flowengine journal recover)");
        error.Flush();
        Environment.Exit(ExitCodes.Forced);
    }
}
