using System.Globalization;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// The input is not valid DBN, or not DBN that FlowEngine can use. The message names the file, the byte
/// offset and the problem so the user can find the fault with a hex dump; every record before the offset has
/// already been delivered. <see cref="InvalidDataException"/> is sealed, so this derives from its base family
/// <see cref="IOException"/> (like <see cref="EndOfStreamException"/>): the CLI reports it as bad input.
/// </summary>
public sealed class DbnFormatException : IOException
{
    /// <summary>Creates the error for <paramref name="filePath"/> at <paramref name="offset"/>.</summary>
    /// <param name="filePath">The file (or stream name) being read.</param>
    /// <param name="offset">Byte offset from the start of the input where the problem is.</param>
    /// <param name="recordIndex">0-based index of the record at fault, or -1 when the fault is in the metadata.</param>
    /// <param name="problem">What is wrong, in words.</param>
    public DbnFormatException(string filePath, long offset, long recordIndex, string problem)
        : base(Format(filePath, offset, recordIndex, problem))
    {
        FilePath = filePath;
        Offset = offset;
        RecordIndex = recordIndex;
        Problem = problem;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset from the start of the input where the problem is.</summary>
    public long Offset { get; }

    /// <summary>0-based index of the record at fault (all rtypes counted), or -1 for the metadata.</summary>
    public long RecordIndex { get; }

    /// <summary>The problem alone, without file and offset.</summary>
    public string Problem { get; }

    private static string Format(string filePath, long offset, long recordIndex, string problem)
    {
        var where = recordIndex >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"byte {offset} (record {recordIndex})")
            : string.Create(CultureInfo.InvariantCulture, $"byte {offset}");
        return $"{filePath}: {where}: {problem}";
    }
}
