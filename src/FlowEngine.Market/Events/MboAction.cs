namespace FlowEngine.Market.Events;

/// <summary>
/// What an MBO record does to the book. The values are DBN's ASCII action characters so that decoding
/// is a byte copy and a journaled event renders back to DBN without a lookup table.
/// </summary>
public enum MboAction : byte
{
    /// <summary>No action (DBN 'N'): carries flags or a sequence only; the book is unchanged.</summary>
    None = (byte)'N',
    /// <summary>A new resting order (DBN 'A').</summary>
    Add = (byte)'A',
    /// <summary>Removes size from a resting order, deleting it when nothing is left (DBN 'C').</summary>
    Cancel = (byte)'C',
    /// <summary>Replaces price and size of a resting order (DBN 'M').</summary>
    Modify = (byte)'M',
    /// <summary>Clears the whole book of the instrument (DBN 'R').</summary>
    Clear = (byte)'R',
    /// <summary>An aggressing trade; does not change the book (DBN 'T').</summary>
    Trade = (byte)'T',
    /// <summary>A fill of a resting order; does not change the book (DBN 'F').</summary>
    Fill = (byte)'F',
}
