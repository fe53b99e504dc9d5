using System.Globalization;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Sources;
using FlowEngine.Journal;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Parity;

/// <summary>
/// <c>flowengine parity</c>: replays a run's inputs through the same pipeline (same stages, in-process, no
/// new journal) and compares every recomputed output with the journaled one, in order. Parity means the
/// recorded run is exactly reproducible from its inputs and configuration.
/// </summary>
public static class ParityCheck
{
    /// <summary>
    /// Checks the run in <paramref name="runDirectory"/>. <paramref name="ring"/> overrides the recorded ring
    /// settings (thread layout, wait strategy), which must not change any output.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Not a run directory, or it has no outputs journal.</exception>
    /// <exception cref="InvalidDataException">A journal is damaged (verify and recover it first) or its inputs have a gap.</exception>
    public static ParityResult Run(string runDirectory, RingConfig? ring = null, RunControl? control = null)
    {
        var layout = RunLayout.Existing(runDirectory);
        if (!Directory.Exists(layout.OutputsDirectory))
            throw new DirectoryNotFoundException($"{layout.Directory} has no {RunLayout.OutputsName}/ journal to compare with");
        var inputs = CheckClean(layout.InputsDirectory);
        var outputs = CheckClean(layout.OutputsDirectory);
        var complete = inputs.Closed && outputs.Closed;
        // After a crash the two journals end at different inputs; compare up to the shorter one. The last
        // journaled output's input may have caused more outputs that were lost with the torn block, so it is left out.
        var limit = complete ? long.MaxValue : Math.Min(inputs.LastSequence, outputs.LastSequence - 1);

        ring ??= RecordedRing(layout) ?? new RingConfig();
        control ??= new RunControl();
        var metrics = new EngineMetrics(ring.Size);
        using var reader = new JournalInputReader(layout.Directory);
        using var sink = new ParitySink(layout.OutputsDirectory, limit, () => control.RequestStop("parity difference"));
        using (var pipeline = new EnginePipeline(ring, metrics, null, sink))
        {
            var buffer = pipeline.Start();
            try
            {
                new SourcePump(buffer, reader, SourceSpeed.Max, 0, control, metrics.Counters, pipeline.SourceMeter).Run();
            }
            catch (RingHaltedException)
            {
                // Reported below from the pipeline's fault.
            }
            finally
            {
                pipeline.Halt(TimeSpan.FromSeconds(30));
            }
            if (pipeline.Ring.Fault is { } fault)
                throw new InvalidOperationException($"parity replay failed: {fault}", fault.Exception);
        }
        var difference = sink.Finish();
        return new ParityResult
        {
            RunDirectory = layout.Directory,
            InputsReplayed = reader.InputsRead,
            OutputsCompared = sink.Compared,
            OutputsNotCompared = sink.NotCompared,
            Complete = complete,
            CompareLimit = limit,
            Difference = difference,
        };
    }

    /// <summary>The ring settings recorded in the run's <c>run.json</c>, or null when it has none.</summary>
    public static RingConfig? RecordedRing(RunLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.ManifestFile))
            return null;
        var manifest = RunManifest.Read(layout.ManifestFile);
        return ConfigLoader.Load(new ConfigLoadOptions
        {
            FileContent = manifest.ConfigJson,
            FilePath = layout.ManifestFile,
            Environment = new Dictionary<string, string>(),
        }).Ring;
    }

    private static JournalSummary CheckClean(string journal)
    {
        var summary = JournalVerifier.Verify(journal);
        if (!summary.IsClean)
        {
            var first = summary.Problems[0];
            var more = summary.Problems.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {summary.Problems.Count - 1} more problem(s))") : "";
            throw new InvalidDataException($"journal {journal} is damaged: {first.Message}{more}; check it with `flowengine journal verify` and, for a torn tail, `flowengine journal recover`");
        }
        return summary;
    }
}
