namespace FlowEngine.Flow.Baselines;

/// <summary>Whether a baseline comparison is backed by enough history to mean anything.</summary>
public enum BaselineStatus : byte
{
    /// <summary>Not enough sessions or samples yet: no figures are claimed.</summary>
    WarmingUp = 0,
    /// <summary>Enough history: the figures are real.</summary>
    Ready = 1,
}
