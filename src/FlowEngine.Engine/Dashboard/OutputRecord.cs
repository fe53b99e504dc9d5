namespace FlowEngine.Engine.Dashboard;

/// <summary>A cold-side copy of one output taken from <see cref="LatestOutputs"/>.</summary>
/// <param name="Position">The output's position in the run's output stream (0 for the first output).</param>
/// <param name="Kind">Output kind (<see cref="FlowEngine.Journal.JournalOutputKinds"/>).</param>
/// <param name="InputSequence">Sequence of the input that caused it.</param>
/// <param name="Payload">The payload, or its first <see cref="LatestOutputs.MaxPayloadBytes"/> bytes.</param>
/// <param name="Length">The payload's full length.</param>
public sealed record OutputRecord(long Position, ushort Kind, long InputSequence, ReadOnlyMemory<byte> Payload, int Length)
{
    /// <summary>True when only the first <see cref="LatestOutputs.MaxPayloadBytes"/> bytes were kept.</summary>
    public bool IsTruncated => Payload.Length < Length;
}
