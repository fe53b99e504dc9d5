namespace FlowEngine.Market.Events;

/// <summary>
/// Side of an order, or for trades and fills the aggressor's side. Values are DBN's ASCII characters.
/// </summary>
public enum MboSide : byte
{
    /// <summary>No side (DBN 'N').</summary>
    None = (byte)'N',
    /// <summary>Buy side (DBN 'B').</summary>
    Bid = (byte)'B',
    /// <summary>Sell side (DBN 'A').</summary>
    Ask = (byte)'A',
}
