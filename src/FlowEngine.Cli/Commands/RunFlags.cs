using System.CommandLine;
using FlowEngine.Engine.Configuration;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// The flags <c>run</c> and <c>replay</c> share. Every flag that is a configuration key becomes a
/// <see cref="ConfigOverride"/>, so it is validated exactly like the file and the environment and a bad value
/// names the flag; the rest (report file, quiet, dashboard, run id) are about this invocation only.
/// </summary>
internal sealed class RunFlags
{
    public Option<string?> Speed { get; } = new("--speed")
    {
        Description = "Publishing speed: max (flat out) or a multiple of event time, e.g. 1x (like a live feed), 10x",
    };

    public Option<string?> Journal { get; } = new("--journal")
    {
        Description = "Journal root: the run directory is created under it (default: journal.root, \"journal\")",
    };

    public Option<string?> RunId { get; } = new("--run-id")
    {
        Description = "Run id (the run directory's name; A-Z a-z 0-9 . _ -). Default: the UTC start time plus 4 random hex digits",
    };

    public Option<string?> Durability { get; } = new("--durability")
    {
        Description = "When the journal fsyncs: none (survives a process crash), batch (every journal.batchFsyncMs), always (every block: survives power loss)",
    };

    public Option<string?> ThreadLayout { get; } = new("--thread-layout")
    {
        Description = "fused (journal on one thread, book→outputs on another; the 2-core default), per-handler (a thread per stage) or single (all stages on one thread)",
    };

    public Option<string?> WaitStrategy { get; } = new("--wait-strategy")
    {
        Description = "How stages wait for events: spin-then-block (default), yielding, sleeping, blocking, busy-spin",
    };

    public Option<bool> PinThreads { get; } = new("--pin-threads")
    {
        Description = "Give the book thread a CPU of its own and keep the other engine threads off it (Linux, 2+ CPUs; for low latency paced runs, with --thread-layout single)",
    };

    public Option<int?> StatusPort { get; } = new("--status-port")
    {
        Description = "Status socket TCP port on loopback (0: any free port, printed at start)",
    };

    public Option<bool> NoStatus { get; } = new("--no-status")
    {
        Description = "Do not open the status socket",
    };

    public Option<string?> Report { get; } = new("--report")
    {
        Description = "Also write the run report as JSON to this file (it is always written to <run dir>/report.json)",
    };

    public Option<bool> Quiet { get; } = new("--quiet")
    {
        Description = "No progress lines, no report table and no console logs (the report and log files are still written)",
    };

    public Option<bool> Dashboard { get; } = new("--dashboard")
    {
        Description = "Show a live terminal dashboard (events/s, ring and lag, best bid/ask, latency, latest outputs) instead of progress lines; falls back to progress lines when the output is not a terminal",
    };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[Speed, Journal, RunId, Durability, ThreadLayout, WaitStrategy, PinThreads, StatusPort, NoStatus, Report, Quiet, Dashboard])
            command.Options.Add(option);
    }

    /// <summary>The configuration overrides these flags ask for, in a fixed order.</summary>
    public List<ConfigOverride> Overrides(ParseResult parse)
    {
        var list = new List<ConfigOverride>();
        Add(list, "source.speed", parse.GetValue(Speed), "--speed");
        Add(list, "journal.root", parse.GetValue(Journal), "--journal");
        Add(list, "journal.durability", parse.GetValue(Durability), "--durability");
        Add(list, "ring.threadLayout", parse.GetValue(ThreadLayout), "--thread-layout");
        Add(list, "ring.waitStrategy", parse.GetValue(WaitStrategy), "--wait-strategy");
        if (parse.GetValue(PinThreads))
            Add(list, "ring.pinThreads", "true", "--pin-threads");
        if (parse.GetValue(StatusPort) is { } port)
            Add(list, "status.port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--status-port");
        if (parse.GetValue(NoStatus))
            Add(list, "status.enabled", "false", "--no-status");
        return list;
    }

    public static void Add(List<ConfigOverride> list, string key, string? value, string origin)
    {
        if (value is not null)
            list.Add(new ConfigOverride { Key = key, Value = value, Origin = origin });
    }
}
