namespace FlowEngine.Journal;

/// <summary>Why a segment was closed.</summary>
[Flags]
internal enum SegmentTrailerFlags : uint
{
    None = 0,
    /// <summary>The writer finished the run cleanly; no segment follows.</summary>
    Final = 1,
    /// <summary>The writer rolled to the next segment, which must exist.</summary>
    Rolled = 2,
}
