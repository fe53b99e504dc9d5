namespace FlowEngine.Market.Events;

/// <summary>
/// DBN record flags, bit for bit, so they survive decode → journal → export unchanged.
/// </summary>
[Flags]
public enum MboFlags : byte
{
    /// <summary>No flag set.</summary>
    None = 0,
    /// <summary>Publisher-specific bit (0x02); kept, never interpreted.</summary>
    PublisherSpecific = 0x02,
    /// <summary>The book may be wrong after this record, e.g. after a feed gap (0x04).</summary>
    MaybeBadBook = 0x04,
    /// <summary>ts_recv is not reliable (0x08).</summary>
    BadTsRecv = 0x08,
    /// <summary>Aggregated price-level record, not an individual order (0x10).</summary>
    Mbp = 0x10,
    /// <summary>Part of a replayed snapshot rather than live activity (0x20).</summary>
    Snapshot = 0x20,
    /// <summary>Top-of-book message (0x40).</summary>
    Tob = 0x40,
    /// <summary>Last record of an event: the book is consistent after it (0x80).</summary>
    Last = 0x80,
}
