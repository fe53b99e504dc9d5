namespace FlowEngine.Flow.Scoring;

/// <summary>Which way the detected interest points.</summary>
public enum SignalDirection : byte
{
    /// <summary>Someone is buying (aggressive buyer, hidden or passive bid).</summary>
    Buy = 1,
    /// <summary>Someone is selling.</summary>
    Sell = 2,
}
