using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Reporting;
using FlowEngine.Flow.Baselines;
using Serilog;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// The end of a run's session for the IFD baseline: a run that ended cleanly (input exhausted or a requested stop,
/// drained, nothing failed) folds the windows its flow stage recorded into the history, writes the result into the
/// run directory (<c>baseline.updated.snapshot</c>) and, for a live run with <c>baseline.update</c> on, replaces the
/// configured <c>baseline.snapshot</c> atomically. A failed run changes nothing: a half session would skew every
/// later score. Runs on the run's thread after the pipeline halted (the flow stage's thread no longer writes the store).
/// </summary>
internal static class SessionBaseline
{
    /// <summary>What the session end did, and the error that should fail the run (writing a snapshot failed), if any.</summary>
    public static (BaselineUpdateReport Report, Exception? Error) End(EngineConfig config, RunLayout layout, RunFlow.Baseline baseline,
        BaselineRecorder? recorder, string? failure, RunControl control, ILogger logger)
    {
        var store = baseline.Store;
        var before = store.SessionsEnded;
        var windows = recorder?.WindowsRecorded ?? 0;
        if (control.Forced)
            failure ??= "forced exit";
        if (failure is not null || recorder is null)
        {
            var skipped = new BaselineUpdateReport
            {
                Outcome = BaselineUpdateReport.NotUpdated,
                SessionsBefore = before,
                SessionsAfter = before,
                WindowsRecorded = windows,
                Reason = failure is null ? "the flow stage recorded no baseline" : $"the run did not end cleanly ({failure}); its session is not folded in",
            };
            logger.Warning("ifd: {Update}", skipped.Describe());
            return (skipped, null);
        }

        var series = store.EndSession();
        var report = new BaselineUpdateReport
        {
            Outcome = BaselineUpdateReport.RunDirectoryOnly,
            SessionsBefore = before,
            SessionsAfter = store.SessionsEnded,
            SeriesUpdated = series,
            WindowsRecorded = windows,
        };
        try
        {
            BaselineSnapshot.Save(store, layout.UpdatedBaselineFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failed = report with { Outcome = BaselineUpdateReport.NotUpdated, SessionsAfter = before, Reason = $"writing {layout.UpdatedBaselineFile} failed: {ex.Message}" };
            logger.Error("ifd: {Update}", failed.Describe());
            return (failed, new IOException($"baseline: cannot write {layout.UpdatedBaselineFile}: {ex.Message}", ex));
        }
        report = report with { RunSnapshot = layout.UpdatedBaselineFile };

        var configured = config.Baseline.Snapshot;
        var next = $"set baseline.snapshot to {layout.UpdatedBaselineFile} (or a copy of it) to start the next run from it";
        string? reason = null;
        if (config.Source.Kind == SourceKind.Replay)
            reason = "a replay never changes the configured baseline";
        else if (configured.Length == 0)
            reason = "no baseline.snapshot configured; " + next;
        else if (!config.Baseline.Update)
            reason = $"baseline.update is false, so {configured} is left as is; {next}";
        else if (IsRunRecord(configured))
            reason = $"{configured} belongs to another run's directory, which records what that run ended with, so it is left as is; copy it where you keep baselines to have runs update it; {next}";
        else if (!Unchanged(configured, baseline.Bytes))
            reason = $"{configured} changed since the run started (another run updated it?), so it is left as is; {next}";
        if (reason is not null)
        {
            report = report with { Reason = reason };
            logger.Information("ifd: {Update}", report.Describe());
            return (report, null);
        }

        var full = Path.GetFullPath(configured);
        try
        {
            BaselineSnapshot.Save(store, full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report = report with { Reason = $"replacing {full} failed: {ex.Message}; it is left as is" };
            logger.Error("ifd: {Update}", report.Describe());
            return (report, new IOException($"baseline: cannot replace {full}: {ex.Message} (the updated baseline is in {layout.UpdatedBaselineFile})", ex));
        }
        report = report with { Outcome = BaselineUpdateReport.Updated, ReplacedSnapshot = full };
        logger.Information("ifd: {Update}", report.Describe());
        return (report, null);
    }

    /// <summary>A run directory's own baseline file (<c>baseline.snapshot</c> or <c>baseline.updated.snapshot</c> next to <c>inputs/</c>): never rewritten by a later run.</summary>
    private static bool IsRunRecord(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        return (name == RunLayout.BaselineName || name == RunLayout.UpdatedBaselineName)
            && Directory.Exists(Path.Combine(Path.GetDirectoryName(full)!, RunLayout.InputsName));
    }

    /// <summary>True when <paramref name="path"/> still holds exactly the bytes the run loaded at start.</summary>
    private static bool Unchanged(string path, byte[]? loaded)
    {
        if (loaded is null || !File.Exists(path))
            return false;
        return File.ReadAllBytes(path).AsSpan().SequenceEqual(loaded);
    }
}
