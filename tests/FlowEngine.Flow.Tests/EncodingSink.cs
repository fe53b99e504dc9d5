using FlowEngine.Flow.Scoring;

namespace FlowEngine.Flow.Tests;

/// <summary>Encodes every signal into one growing byte buffer (what a journal of outputs would hold).</summary>
internal sealed class EncodingSink : ISignalSink
{
    public MemoryStream Bytes { get; } = new();
    public int Count { get; private set; }

    public void OnSignal(in Signal signal)
    {
        Span<byte> buffer = stackalloc byte[SignalCodec.EncodedSize];
        SignalCodec.Encode(in signal, buffer);
        Bytes.Write(buffer);
        Count++;
    }
}
