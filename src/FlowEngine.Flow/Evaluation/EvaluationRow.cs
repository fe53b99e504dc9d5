namespace FlowEngine.Flow.Evaluation;

/// <summary>Precision, recall and F1 for one slice of an evaluation (an episode kind or a grade threshold).</summary>
/// <param name="Name">What the row covers.</param>
/// <param name="Episodes">Episodes in the slice (recall's denominator).</param>
/// <param name="Detected">Episodes matched by at least one counted signal.</param>
/// <param name="Signals">Signals counted (precision's denominator).</param>
/// <param name="TruePositives">Counted signals that match an episode.</param>
public readonly record struct EvaluationRow(string Name, int Episodes, int Detected, int Signals, int TruePositives)
{
    /// <summary>TruePositives / Signals; 0 without signals.</summary>
    public double Precision => Signals == 0 ? 0 : (double)TruePositives / Signals;

    /// <summary>Detected / Episodes; 0 without episodes.</summary>
    public double Recall => Episodes == 0 ? 0 : (double)Detected / Episodes;

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
