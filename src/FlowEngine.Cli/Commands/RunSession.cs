using System.Runtime.InteropServices;
using FlowEngine.Cli.Dashboard;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// Runs an <see cref="EngineRun"/> the way the CLI does for <c>run</c> and <c>replay</c>: SIGINT/SIGTERM stop it
/// cleanly (a second signal forces the exit with <see cref="ExitCodes.Forced"/>), progress and logs go to
/// standard error (or a live dashboard draws on standard output with <c>--dashboard</c>), the report table to
/// standard output, and a failure becomes one <c>error:</c> line.
/// </summary>
internal static class RunSession
{
    public static int Execute(EngineRunOptions options, string? reportPath, bool quiet, TextWriter output, TextWriter error, bool dashboard = false)
    {
        if (dashboard && quiet)
            throw new ArgumentException("--dashboard and --quiet exclude each other: --quiet prints nothing, --dashboard draws on the terminal");
        var control = options.Control;
        string? whyNot = null;
        using var live = dashboard ? LiveDashboard.TryCreate(output, control, out whyNot) : null;
        if (dashboard && live is null)
            error.WriteLine($"--dashboard: {whyNot}; showing progress lines instead");
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, control, error, live));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, control, error, live));

        var result = EngineRun.Execute(options with
        {
            // The live view owns the terminal: progress lines and console logs would garble it (the log file still gets everything).
            Progress = quiet || live is not null ? null : error,
            ConsoleLogging = !quiet && live is null,
            OutputTap = live?.Tap ?? options.OutputTap,
            OnStarted = started =>
            {
                if (quiet)
                    return;
                var status = started.StatusEndPoint is { } ep ? $"status socket {ep} (token in {Path.Combine(started.Layout.Directory, "status.token")})" : "status socket off";
                error.WriteLine($"run {started.Layout.RunId}: {started.Source} → {started.Layout.Directory}; {status}");
                live?.Start(started);
            },
        });

        if (live is not null)
        {
            live.Stop();
            if (live.Failure is { } failure)
                error.WriteLine($"--dashboard: the live view stopped: {failure}");
        }
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

    private static void OnSignal(PosixSignalContext context, RunControl control, TextWriter error, LiveDashboard? live)
    {
        // Keep the process alive: the run stops itself, cleanly, when the source sees the request.
        context.Cancel = true;
        var name = context.Signal.ToString();
        if (control.RequestStop(name))
        {
            // With the dashboard up, its header says so instead: a line here would tear the live view.
            if (live is not { IsDrawing: true })
                error.WriteLine($"{name}: stopping: draining the ring, closing the journal, writing the report (send it again to force an exit)");
            return;
        }
        control.MarkForced();
        live?.RestoreTerminal();
        error.WriteLine($"{name}: second stop signal: forced exit (the journal may have a torn tail: flowengine journal recover)");
        error.Flush();
        Environment.Exit(ExitCodes.Forced);
    }
}
