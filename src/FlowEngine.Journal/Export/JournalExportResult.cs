using FlowEngine.Market.Events;

namespace FlowEngine.Journal;

/// <summary>What an export wrote and what it left out.</summary>
/// <param name="OutputPath">The file written.</param>
/// <param name="MboRecords">MBO records written.</param>
/// <param name="SkippedInputs">Engine events (no DBN MBO encoding) left out, by kind.</param>
/// <param name="SkippedOutputs">Output records left out (DBN holds market data only).</param>
/// <param name="Problems">Damage skipped in the journal (only when reading with SkipBadBlocks).</param>
public sealed record JournalExportResult(
    string OutputPath,
    long MboRecords,
    IReadOnlyList<KeyValuePair<EventKind, long>> SkippedInputs,
    long SkippedOutputs,
    IReadOnlyList<JournalProblem> Problems);
