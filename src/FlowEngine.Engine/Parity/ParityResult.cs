namespace FlowEngine.Engine.Parity;

/// <summary>What a parity check found.</summary>
public sealed record ParityResult
{
    /// <summary>The run directory checked.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Inputs replayed.</summary>
    public long InputsReplayed { get; init; }

    /// <summary>Outputs compared equal (up to the difference, when there is one).</summary>
    public long OutputsCompared { get; init; }

    /// <summary>Recomputed outputs past the compare limit (a run that did not close cleanly), not compared.</summary>
    public long OutputsNotCompared { get; init; }

    /// <summary>True when both journals were closed cleanly, so every output was compared.</summary>
    public bool Complete { get; init; }

    /// <summary>Highest causing input sequence compared (for runs that did not close cleanly).</summary>
    public long CompareLimit { get; init; }

    /// <summary>The first difference, or null when the outputs match.</summary>
    public ParityDifference? Difference { get; init; }

    /// <summary>True when no difference was found.</summary>
    public bool Matches => Difference is null;
}
