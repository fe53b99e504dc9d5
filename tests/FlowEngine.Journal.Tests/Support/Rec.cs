using System.Runtime.InteropServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Journal.Tests.Support;

/// <summary>A journal record copied out of the reader, comparable by value.</summary>
internal sealed record Rec(JournalRecordType Type, ushort Kind, long Sequence, byte[] Payload)
{
    public static Rec Input(in MboEvent e, long sequence) =>
        new(JournalRecordType.Input, 0, sequence, MemoryMarshal.AsBytes(new ReadOnlySpan<MboEvent>(in e)).ToArray());

    public static Rec Output(ushort kind, long sequence, byte[] payload) => new(JournalRecordType.Output, kind, sequence, payload);

    public static Rec From(in JournalRecord r) => new(r.Type, r.OutputKind, r.Sequence, r.Payload.ToArray());

    public bool Equals(Rec? other) =>
        other is not null && Type == other.Type && Kind == other.Kind && Sequence == other.Sequence && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => HashCode.Combine(Type, Kind, Sequence, Payload.Length);
}
