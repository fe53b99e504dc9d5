namespace FlowEngine.Market.Events;

/// <summary>
/// Distinguishes market-by-order records from the engine's own events that travel through the same ring,
/// so that timers and gaps are ordered with market data and journaled with it (replay sees them too).
/// </summary>
public enum EventKind : byte
{
    /// <summary>A market-by-order record; the MBO fields are meaningful.</summary>
    Mbo = 0,
    /// <summary>An event-time timer tick; <see cref="MboEvent.Aux"/> holds the tick number.</summary>
    TimerTick = 1,
    /// <summary>An instrument definition arrived; the definition itself lives in the instrument registry.</summary>
    InstrumentDefinition = 2,
    /// <summary>A trading-status change for the instrument; <see cref="MboEvent.Aux"/> holds the status code.</summary>
    Status = 3,
    /// <summary>The source detected missing data; <see cref="MboEvent.Aux"/> holds how many records are missing, if known.</summary>
    Gap = 4,
}
