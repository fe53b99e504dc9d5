using System.Globalization;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Outputs;

/// <summary>Turns an output record into text for people (parity differences, inspection).</summary>
public static class OutputFormat
{
    /// <summary>A readable rendering of one output's payload, falling back to hex for kinds this build does not know.</summary>
    public static string Describe(ushort kind, ReadOnlySpan<byte> payload)
    {
        if (kind == JournalOutputKinds.TopOfBook && payload.Length == TopOfBookOutput.Size)
            return TopOfBookOutput.Read(payload).ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{payload.Length} bytes {Convert.ToHexStringLower(payload)}");
    }
}
