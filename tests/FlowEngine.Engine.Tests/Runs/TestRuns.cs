using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Runs;
using FlowEngine.Tests;

namespace FlowEngine.Engine.Tests.Runs;

/// <summary>Configurations and bounded runs for tests: no status socket, no console logs, a journal under a temp root.</summary>
internal static class TestRuns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string[] EsFiles { get; } =
    [
        TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn"),
        TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn"),
    ];

    public static EngineConfig Config(string root, params (string Key, string Value)[] overrides)
    {
        var list = new List<ConfigOverride>
        {
            new() { Key = "journal.root", Value = root, Origin = "test" },
            new() { Key = "status.enabled", Value = "false", Origin = "test" },
            new() { Key = "logging.console", Value = "false", Origin = "test" },
        };
        foreach (var (key, value) in overrides)
            list.Add(new ConfigOverride { Key = key, Value = value, Origin = "test" });
        return ConfigLoader.Load(new ConfigLoadOptions { Environment = new Dictionary<string, string>(), Overrides = list });
    }

    public static EngineConfig EsConfig(string root, params (string Key, string Value)[] overrides) =>
        Config(root, [("source.kind", "dbn"), ("source.paths", string.Join(',', EsFiles)), .. overrides]);

    /// <summary>The configuration a replay of <paramref name="runDirectory"/> runs with: the run's own, with the run as its source.</summary>
    public static EngineConfig ReplayConfig(string runDirectory) => ConfigLoader.Load(new ConfigLoadOptions
    {
        FileContent = RunManifest.Read(Path.Combine(runDirectory, RunLayout.ManifestName)).ConfigJson,
        Environment = new Dictionary<string, string>(),
        Overrides =
        [
            new ConfigOverride { Key = "source.kind", Value = "replay", Origin = "test" },
            new ConfigOverride { Key = "source.paths", Value = runDirectory, Origin = "test" },
        ],
    });

    /// <summary>Runs on a worker thread so a hang fails the test after <see cref="Timeout"/> instead of blocking the suite.</summary>
    public static RunResult Execute(EngineRunOptions options)
    {
        var task = Task.Run(() => EngineRun.Execute(options));
        if (!task.Wait(Timeout))
            throw new TimeoutException($"run {options.RunId} did not finish within {Timeout.TotalSeconds} s");
        return task.Result;
    }

    public static RunResult Execute(EngineConfig config, string runId) => Execute(new EngineRunOptions { Config = config, RunId = runId });

    /// <summary>
    /// Runs <paramref name="attempt"/> (given 1, 2, … for distinct run ids) until a run's hot threads allocated nothing
    /// after warm-up, at most <see cref="SteadyAllocation.Windows"/> times; returns the last run and every run's figures.
    /// </summary>
    /// <remarks>
    /// Warm-up ends on a clock and an event count, but tiered JIT work (on-stack replacement, a method's first call
    /// on a path the warm-up did not take) runs when a loaded machine gets to it and can allocate once on a hot
    /// thread after warm-up. A later run in the same process has that code compiled already; a per-event
    /// allocation shows in every run. Same reasoning as <see cref="SteadyAllocation"/>, one run per window.
    /// </remarks>
    public static (RunResult Result, string Figures) ExecuteUntilSteady(Func<int, EngineRunOptions> attempt)
    {
        var figures = new List<string>();
        for (var i = 1; ; i++)
        {
            var result = Execute(attempt(i));
            var r = result.Report;
            figures.Add($"run {i}: {r.AllocatedBytes} bytes over {r.MeasuredEvents} events ({string.Join(", ", r.Threads.Select(t => $"{t.Name} {t.AllocatedBytes}"))})");
            if (r.AllocatedBytes == 0 || i == SteadyAllocation.Windows)
                return (result, string.Join("; ", figures));
        }
    }

    /// <summary>Runs <paramref name="work"/> on a worker thread, failing after <see cref="Timeout"/>.</summary>
    public static T Bounded<T>(Func<T> work)
    {
        var task = Task.Run(work);
        if (!task.Wait(Timeout))
            throw new TimeoutException($"did not finish within {Timeout.TotalSeconds} s");
        return task.Result;
    }
}
