namespace FlowEngine.Journal;

/// <summary>The two kinds of journal record; they share one ordered stream so replay sees their exact interleaving.</summary>
public enum JournalRecordType : ushort
{
    /// <summary>An <see cref="Market.Events.MboEvent"/> exactly as it was published into the ring, with its ring sequence.</summary>
    Input = 1,
    /// <summary>Something a handler emitted: a kind, the input sequence that caused it, and an opaque payload.</summary>
    Output = 2,
}
