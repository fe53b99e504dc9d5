using System.Globalization;
using System.Reflection;
using FlowEngine.Flow.Scoring;

namespace FlowEngine.Engine.Outputs;

/// <summary>
/// Signal output records for people: the decoded signal with every factor (<see cref="SignalText"/>), and, for
/// a parity difference, which fields differ. A signal output's payload is exactly <see cref="SignalCodec"/>'s bytes.
/// </summary>
public static class SignalOutput
{
    private static readonly FieldInfo[] Fields = typeof(Signal).GetFields(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>The signal as one line, or hex with the decoder's complaint when the bytes are not a valid signal.</summary>
    public static string Describe(ReadOnlySpan<byte> payload)
    {
        if (!TryDecode(payload, out var signal, out var problem))
            return string.Create(CultureInfo.InvariantCulture, $"undecodable signal ({problem}): {payload.Length} bytes {Convert.ToHexStringLower(payload)}");
        return SignalText.Format(in signal);
    }

    /// <summary>Decodes a payload; false with the decoder's message when it is damaged.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out Signal signal, out string? problem)
    {
        try
        {
            signal = SignalCodec.Decode(payload);
            problem = payload.Length == SignalCodec.EncodedSize ? null : $"{payload.Length} bytes, expected {SignalCodec.EncodedSize}";
            return problem is null;
        }
        catch (InvalidDataException ex)
        {
            signal = default;
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// The fields in which <paramref name="expected"/> and <paramref name="actual"/> differ, as
    /// <c>Name expected → actual</c>, in the signal's field order; doubles compare by their bits (as parity does) and
    /// print in round-trip form, so a difference in the last bit is visible.
    /// </summary>
    public static IReadOnlyList<string> Differences(in Signal expected, in Signal actual)
    {
        var result = new List<string>();
        object a = expected, b = actual;
        foreach (var field in Fields)
        {
            var x = field.GetValue(a);
            var y = field.GetValue(b);
            if (x is double dx && y is double dy)
            {
                if (BitConverter.DoubleToInt64Bits(dx) != BitConverter.DoubleToInt64Bits(dy))
                    result.Add($"{field.Name} {dx.ToString("R", CultureInfo.InvariantCulture)} → {dy.ToString("R", CultureInfo.InvariantCulture)}");
            }
            else if (!Equals(x, y))
            {
                result.Add(string.Create(CultureInfo.InvariantCulture, $"{field.Name} {x} → {y}"));
            }
        }
        return result;
    }
}
