using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Sources;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Runs;

/// <summary>How a run ended: its report and, when it did not end cleanly, what went wrong.</summary>
public sealed record RunResult
{
    /// <summary>The run directory.</summary>
    public required RunLayout Layout { get; init; }

    /// <summary>The final report (also written to <c>report.json</c>).</summary>
    public required RunReport Report { get; init; }

    /// <summary>Why the source stopped; null when it failed.</summary>
    public SourceEnd? End { get; init; }

    /// <summary>The stop request's reason (e.g. <c>SIGINT</c>), when one was made.</summary>
    public string? StopReason { get; init; }

    /// <summary>The source's failure (damaged input), after every good event before it was processed and journaled.</summary>
    public Exception? SourceError { get; init; }

    /// <summary>A stage's failure that halted the pipeline.</summary>
    public HandlerFault? Fault { get; init; }

    /// <summary>A failure writing or closing a journal.</summary>
    public Exception? JournalError { get; init; }

    /// <summary>A failure writing the updated baseline snapshot at session end (the run itself completed).</summary>
    public Exception? BaselineError { get; init; }

    /// <summary>True when nothing failed (a requested stop is a success).</summary>
    public bool Succeeded => SourceError is null && Fault is null && JournalError is null && BaselineError is null;

    /// <summary>The first failure as one line, or null.</summary>
    public string? FailureMessage =>
        SourceError is { } s ? s.Message
        : Fault is { } f ? f.ToString()
        : JournalError is { } j ? j.Message
        : BaselineError?.Message;
}
