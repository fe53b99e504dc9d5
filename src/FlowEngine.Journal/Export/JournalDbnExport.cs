using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Journal;

/// <summary>
/// Writes a journal's MBO inputs back out as a standard DBN file (version 3, schema mbo), in journal order,
/// so <c>flowengine book</c> and Databento's own tools can read a run. Engine events (timer ticks, gaps,
/// status, definitions) and outputs have no DBN MBO encoding and are counted, not written. The file is
/// written beside the target and renamed into place only when complete, so an error never leaves half a file.
/// </summary>
public static class JournalDbnExport
{
    /// <summary>Exports <paramref name="runDirectory"/> to <paramref name="outputPath"/>.</summary>
    /// <param name="runDirectory">The run's journal directory.</param>
    /// <param name="outputPath">The DBN file to create (replaced if it exists).</param>
    /// <param name="dataset">Dataset written into the DBN metadata (e.g. GLBX.MDP3); the journal does not record one.</param>
    /// <param name="readOptions">How damage in the journal is treated; by default it stops the export.</param>
    public static JournalExportResult ToDbn(string runDirectory, string outputPath, string dataset = "", JournalReadOptions? readOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        // First pass: the DBN header wants the time range before the first record.
        long mbo = 0, minTs = long.MaxValue, maxTs = long.MinValue;
        using (var reader = JournalReader.Open(runDirectory, readOptions))
        {
            while (reader.TryRead(out var record))
            {
                if (!record.IsInput || record.Input.Kind != EventKind.Mbo)
                    continue;
                mbo++;
                minTs = Math.Min(minTs, record.Input.TsEvent);
                maxTs = Math.Max(maxTs, record.Input.TsEvent);
            }
        }
        var metadata = new DbnMetadata
        {
            Dataset = dataset,
            Schema = DbnSchema.Mbo,
            Start = mbo > 0 ? minTs : 0,
            End = mbo > 0 ? maxTs + 1 : null,
            StypeIn = null,
        };
        var full = Path.GetFullPath(outputPath);
        var partial = full + ".partial";
        var skippedInputs = new long[256];
        long outputs = 0, written = 0;
        IReadOnlyList<JournalProblem> problems;
        try
        {
            using (var writer = DbnWriter.Create(partial, metadata))
            using (var reader = JournalReader.Open(runDirectory, readOptions))
            {
                while (reader.TryRead(out var record))
                {
                    if (!record.IsInput)
                    {
                        outputs++;
                        continue;
                    }
                    ref readonly var evt = ref record.Input;
                    if (evt.Kind != EventKind.Mbo)
                    {
                        skippedInputs[(byte)evt.Kind]++;
                        continue;
                    }
                    writer.Write(in evt);
                    written++;
                }
                problems = reader.Problems;
            }
            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        var skipped = new List<KeyValuePair<EventKind, long>>();
        for (var k = 0; k < skippedInputs.Length; k++)
        {
            if (skippedInputs[k] > 0)
                skipped.Add(new((EventKind)k, skippedInputs[k]));
        }
        return new JournalExportResult(full, written, skipped, outputs, problems);
    }
}
