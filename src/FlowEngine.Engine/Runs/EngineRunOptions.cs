using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Metrics;

namespace FlowEngine.Engine.Runs;

/// <summary>Everything <see cref="EngineRun.Execute"/> needs besides the configuration's own settings.</summary>
public sealed record EngineRunOptions
{
    /// <summary>The validated effective configuration.</summary>
    public required EngineConfig Config { get; init; }

    /// <summary>
    /// The source to run instead of the one <c>source</c> names (benchmarks and tests feed prepared events this
    /// way); the run takes ownership and disposes it. Null: the configured source.
    /// </summary>
    public Sources.IEventReader? Reader { get; init; }

    /// <summary>The run id; null makes a new one (<see cref="RunIds.New"/> with <see cref="RunIdPrefix"/>).</summary>
    public string? RunId { get; init; }

    /// <summary>Prefix of a generated run id (e.g. <c>replay-</c>).</summary>
    public string RunIdPrefix { get; init; } = "";

    /// <summary>For a replay: the run directory being replayed (recorded in <c>run.json</c>).</summary>
    public string? ReplayOf { get; init; }

    /// <summary>Where progress lines go every <see cref="ProgressInterval"/> (standard error in the CLI); null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Interval between progress lines.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>False keeps logs off the console (<c>--quiet</c>); the log file is written either way.</summary>
    public bool ConsoleLogging { get; init; } = true;

    /// <summary>The stop switch (signals and the status socket flip it).</summary>
    public RunControl Control { get; init; } = new();

    /// <summary>Events before allocation and the steady rate are measured.</summary>
    public long WarmupEvents { get; init; } = EngineMetrics.DefaultWarmupEvents;

    /// <summary>Minimum warm-up time; null for the default.</summary>
    public TimeSpan? WarmupTime { get; init; }

    /// <summary>
    /// A second sink that sees every output after the run's own sink (the dashboard's tap). It runs on the output
    /// stage's thread, so it must return at once, never block and never allocate. Null: none.
    /// </summary>
    public Outputs.IOutputSink? OutputTap { get; init; }

    /// <summary>Called once the pipeline runs and before the first event, with where the run lives.</summary>
    public Action<RunStarted>? OnStarted { get; init; }
}
