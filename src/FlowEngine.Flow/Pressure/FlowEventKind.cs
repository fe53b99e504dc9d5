namespace FlowEngine.Flow.Pressure;

/// <summary>The events of interest the tracker reports as they happen (scoring reacts to them at once, without waiting for a window to close).</summary>
public enum FlowEventKind : byte
{
    /// <summary>One aggressor event traded at two or more prices, or through the prior best price.</summary>
    Sweep = 1,
    /// <summary>Size re-appeared at a price and side whose level an aggressor had just consumed.</summary>
    IcebergRefill = 2,
}
