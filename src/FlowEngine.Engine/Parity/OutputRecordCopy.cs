namespace FlowEngine.Engine.Parity;

/// <summary>An output record copied out of a reader's buffer (only for reporting a difference, so allocating is fine).</summary>
/// <param name="Kind">Output kind.</param>
/// <param name="InputSequence">Sequence of the input that caused it.</param>
/// <param name="Payload">The payload bytes.</param>
public sealed record OutputRecordCopy(ushort Kind, long InputSequence, byte[] Payload);
