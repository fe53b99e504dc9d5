using System.Runtime.InteropServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Journal;

/// <summary>
/// One record as the reader sees it: a view into the reader's block buffer, valid until the next read
/// (a ref struct, so it cannot outlive that). Replay reads millions of these without allocating.
/// </summary>
public readonly ref struct JournalRecord
{
    internal JournalRecord(JournalRecordType type, ushort outputKind, long sequence, ReadOnlySpan<byte> payload)
    {
        Type = type;
        OutputKind = outputKind;
        Sequence = sequence;
        Payload = payload;
    }

    /// <summary>Input or output.</summary>
    public JournalRecordType Type { get; }

    /// <summary>The output kind (see <see cref="JournalOutputKinds"/>); 0 for inputs.</summary>
    public ushort OutputKind { get; }

    /// <summary>For an input its ring sequence; for an output the sequence of the input that caused it.</summary>
    public long Sequence { get; }

    /// <summary>The payload bytes: the 64-byte event for an input, the handler's bytes for an output.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>True for an input record.</summary>
    public bool IsInput => Type == JournalRecordType.Input;

    /// <summary>The input event, by reference into the reader's buffer; throws for an output record.</summary>
    public ref readonly MboEvent Input
    {
        get
        {
            if (Type != JournalRecordType.Input)
                ThrowNotInput();
            return ref MemoryMarshal.AsRef<MboEvent>(Payload);
        }
    }

    private static void ThrowNotInput() =>
        throw new InvalidOperationException("this journal record is an output; check Type before reading Input");
}
