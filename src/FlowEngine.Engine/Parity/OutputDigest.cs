using System.Buffers.Binary;
using System.Security.Cryptography;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Parity;

/// <summary>
/// A SHA-256 over every output of a journal in order (kind, causing input sequence, payload length, payload):
/// two runs with equal digests produced exactly the same outputs. Cheap proof of determinism across thread
/// layouts, wait strategies and replays of replays.
/// </summary>
public static class OutputDigest
{
    /// <summary>The digest of the outputs in the journal at <paramref name="journalDirectory"/>, as <c>sha256:hex</c>, and the output count.</summary>
    public static (string Digest, long Outputs) Compute(string journalDirectory)
    {
        using var reader = JournalReader.Open(journalDirectory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[14];
        long count = 0;
        while (reader.TryRead(out var record))
        {
            if (record.IsInput)
                continue;
            BinaryPrimitives.WriteUInt16LittleEndian(header, record.OutputKind);
            BinaryPrimitives.WriteInt64LittleEndian(header[2..], record.Sequence);
            BinaryPrimitives.WriteInt32LittleEndian(header[10..], record.Payload.Length);
            hash.AppendData(header);
            hash.AppendData(record.Payload);
            count++;
        }
        return ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), count);
    }
}
