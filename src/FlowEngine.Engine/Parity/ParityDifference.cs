using System.Globalization;
using System.Text;
using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Parity;

/// <summary>
/// The first place where recomputed outputs and journaled outputs disagree: which output (by position), the
/// input that caused it, and both sides decoded for people. A side is null when that stream had no output there.
/// </summary>
public sealed record ParityDifference
{
    /// <summary>Position of the output in the stream (0-based).</summary>
    public required long OutputIndex { get; init; }

    /// <summary>The journaled output at that position, or null when the journal had no more.</summary>
    public OutputRecordCopy? Expected { get; init; }

    /// <summary>The recomputed output at that position, or null when the replay produced no more.</summary>
    public OutputRecordCopy? Actual { get; init; }

    /// <summary>The input sequence the difference is about (the earlier of the two sides).</summary>
    public long InputSequence =>
        Math.Min(Expected?.InputSequence ?? long.MaxValue, Actual?.InputSequence ?? long.MaxValue);

    /// <summary>A few lines: where, and expected vs actual.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"first difference at output #{OutputIndex}, input sequence {InputSequence}:");
        text.AppendLine();
        text.Append("  expected ").AppendLine(Side(Expected, "nothing (the journal has no more outputs)"));
        text.Append("  actual   ").Append(Side(Actual, "nothing (the replay produced no more outputs)"));
        return text.ToString();
    }

    private static string Side(OutputRecordCopy? o, string none) => o is null
        ? none
        : string.Create(CultureInfo.InvariantCulture, $"{JournalOutputKinds.Name(o.Kind)} (kind {o.Kind}) for input {o.InputSequence}: {OutputFormat.Describe(o.Kind, o.Payload)}");
}
