namespace FlowEngine.Journal;

/// <summary>What is wrong at one place in a journal. Each kind has a different remedy, so they are kept apart.</summary>
public enum JournalProblemKind
{
    /// <summary>A segment header or block header is unreadable: wrong magic, CRC mismatch or impossible fields.</summary>
    BadHeader,
    /// <summary>A block's payload does not match its CRC32C: the bytes changed after they were written.</summary>
    BadCrc,
    /// <summary>A block passed its CRC but its content is not valid (does not decompress, or records do not frame).</summary>
    BadRecord,
    /// <summary>
    /// The end of the last segment of a run whose writer did not close it holds a partial or damaged block and
    /// nothing valid after it: what a killed writer leaves. <c>journal recover</c> truncates it.
    /// </summary>
    TornTail,
    /// <summary>A segment (not the last) ends inside a block.</summary>
    Truncated,
    /// <summary>Block numbers jump: whole blocks are missing between two good ones.</summary>
    MissingBlocks,
    /// <summary>A segment file is missing from the run.</summary>
    MissingSegment,
    /// <summary>A closed segment's index does not match its blocks.</summary>
    BadIndex,
    /// <summary>The segment was written by a newer format version than this build reads.</summary>
    FutureVersion,
}
