namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// What the source tells the journal stages about the events that follow a slot. Only buffering decisions
/// read it, never handler logic, so it is not journaled.
/// </summary>
[Flags]
public enum SourceHints : byte
{
    /// <summary>More events follow soon.</summary>
    None = 0,

    /// <summary>
    /// No further event is expected soon (end of stream, or the paced source will wait a while): journal
    /// stages hand their partial block to the disk now instead of waiting for it to fill.
    /// </summary>
    Idle = 1,
}
