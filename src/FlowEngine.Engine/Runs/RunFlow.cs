using System.Text;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Sources;
using FlowEngine.Flow.Baselines;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// Builds the flow stage's <see cref="FlowSetup"/> for a run, a replay or a parity check. The baseline is part
/// of a run's initial state, so a run keeps a byte copy of the snapshot it loaded (<c>baseline.snapshot</c>)
/// and replays and parity checks load that copy, not whatever the configured path holds by then.
/// </summary>
public static class RunFlow
{
    /// <summary>A loaded baseline: the store, the exact bytes it came from (to copy into the run) and its summary.</summary>
    /// <param name="Store">
    /// The history; an empty store (default options) when no snapshot was configured, so the run still records its
    /// session and can hand the next run a baseline to start from.
    /// </param>
    /// <param name="Bytes">The snapshot file's bytes; null when no snapshot was loaded.</param>
    /// <param name="Report">What the report and status socket show.</param>
    public sealed record Baseline(BaselineStore Store, byte[]? Bytes, BaselineReport Report);

    /// <summary>
    /// The baseline a run starts from: for a replay, the replayed run's copy when it has one; otherwise
    /// <c>baseline.snapshot</c> from the configuration (empty: none, warming up).
    /// </summary>
    /// <exception cref="FileNotFoundException">The configured snapshot does not exist.</exception>
    /// <exception cref="InvalidDataException">The snapshot is damaged (the message names the file and line).</exception>
    public static Baseline LoadFor(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Source.Kind == SourceKind.Replay && config.Source.Paths.Count == 1)
        {
            var copy = Path.Combine(config.Source.Paths[0], RunLayout.BaselineName);
            if (File.Exists(copy))
                return Load(copy);
        }
        var path = config.Baseline.Snapshot;
        if (path.Length == 0)
            return None();
        if (!File.Exists(path))
            throw new FileNotFoundException($"baseline.snapshot: file not found: {path}", path);
        return Load(path);
    }

    /// <summary>
    /// The baseline a recorded run used: its <c>baseline.snapshot</c> copy, or none when the run had none.
    /// </summary>
    /// <exception cref="InvalidDataException">The run's configuration names a snapshot but the copy is missing or damaged.</exception>
    public static Baseline LoadRecorded(RunLayout layout, EngineConfig recorded)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(recorded);
        if (File.Exists(layout.BaselineFile))
            return Load(layout.BaselineFile);
        if (recorded.Baseline.Snapshot.Length > 0)
            throw new InvalidDataException($"the run scored against baseline {recorded.Baseline.Snapshot}, but its copy {layout.BaselineFile} is missing, so its signals cannot be recomputed");
        return None();
    }

    /// <summary>The flow stage's setup, or null when <c>ifd.enabled</c> is false.</summary>
    public static FlowSetup? SetupFor(EngineConfig config, Baseline baseline, DefinitionCatalog definitions)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(baseline);
        if (!config.Ifd.Enabled)
            return null;
        return new FlowSetup
        {
            Pressure = config.Pressure.ToOptions(),
            Ifd = config.Ifd.ToOptions(),
            Baseline = baseline.Store,
            RecordsBaseline = true,
            Definitions = definitions,
        };
    }

    /// <summary>
    /// The unit the end-of-input timer tick is rounded up to: the longest window IFD scores (0 with IFD off, which
    /// leaves the tick interval), so the windows open when the input ends still close and are scored.
    /// </summary>
    public static long EndTickUnitNs(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Ifd.Enabled ? config.Ifd.ToOptions().LongestSignalWindowNs : 0;
    }

    // A new store each time: the run records its session into it.
    private static Baseline None() => new(new BaselineStore(), null, new BaselineReport { Status = BaselineReport.WarmingUp });

    private static Baseline Load(string path)
    {
        var full = Path.GetFullPath(path);
        var bytes = File.ReadAllBytes(full);
        BaselineStore store;
        using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8))
            store = BaselineSnapshot.Load(reader, full);
        var series = 0;
        var ready = 0;
        foreach (var s in store.SortedSeries())
        {
            series++;
            if (s.IsReady)
                ready++;
        }
        return new Baseline(store, bytes, new BaselineReport
        {
            Status = ready > 0 ? BaselineReport.Ready : BaselineReport.WarmingUp,
            Snapshot = full,
            Series = series,
            ReadySeries = ready,
            Sessions = store.SessionsEnded,
        });
    }
}
