using System.Buffers.Binary;
using FlowEngine.Engine.Runs;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// One input of <c>baseline build</c>, told apart by content, not by name: a DBN file (its "DBN" magic, or a
/// zstd frame the DBN reader explains), or a run recorded by the engine — its directory, its <c>inputs/</c>
/// journal folder or a segment file of that journal (the "FLOWJRNL" segment magic). Anything else is an error
/// naming the path.
/// </summary>
internal sealed record BaselineInput(string Path, string? RunDirectory)
{
    private static ReadOnlySpan<byte> JournalMagic => "FLOWJRNL"u8;

    /// <summary>True for a recorded run (replayed from its input journal), false for a DBN file.</summary>
    public bool IsRun => RunDirectory is not null;

    /// <summary>Classifies <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="InvalidDataException">The path is neither a DBN file nor a run's input journal.</exception>
    public static BaselineInput Classify(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            return FromDirectory(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"file not found: {path}", path);

        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith("DBN"u8) || IsZstd(head))
            return new BaselineInput(path, null);
        if (head.StartsWith(JournalMagic))
            return FromJournal(path, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        throw new InvalidDataException($"{path}: neither a DBN file (no 'DBN' magic) nor a FlowEngine run journal ('FLOWJRNL' segments); "
            + "baseline build reads DBN files with MBO records, run directories and their inputs/ journals");
    }

    private static BaselineInput FromDirectory(string path)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var inputs = System.IO.Path.Combine(full, RunLayout.InputsName);
        if (Directory.Exists(inputs))
        {
            if (!HasJournalSegment(inputs))
                throw new InvalidDataException($"{path}: its {RunLayout.InputsName}/ folder holds no FlowEngine journal segment (segment-*.fej starting with 'FLOWJRNL')");
            return new BaselineInput(path, full);
        }
        if (HasJournalSegment(full))
            return FromJournal(path, full);
        throw new InvalidDataException($"{path}: a directory that is neither a run directory (no {RunLayout.InputsName}/ journal) nor a run's input journal (no FlowEngine journal segments)");
    }

    /// <summary>A journal folder (or a segment in it) counts when it is a run's <c>inputs/</c>: the inputs are what the engine saw.</summary>
    private static BaselineInput FromJournal(string path, string journalDirectory)
    {
        var dir = System.IO.Path.TrimEndingDirectorySeparator(journalDirectory);
        if (System.IO.Path.GetFileName(dir) == RunLayout.InputsName && System.IO.Path.GetDirectoryName(dir) is { } run)
            return new BaselineInput(path, run);
        throw new InvalidDataException($"{path}: a FlowEngine journal, but not a run's input journal; pass the run directory (holding {RunLayout.InputsName}/ and {RunLayout.ManifestName}) or its {RunLayout.InputsName}/ folder");
    }

    private static bool HasJournalSegment(string directory)
    {
        Span<byte> head = stackalloc byte[8];
        foreach (var file in Directory.EnumerateFiles(directory, "segment-*.fej"))
        {
            using var stream = File.OpenRead(file);
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(JournalMagic))
                return true;
        }
        return false;
    }

    // A zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18, legacy DBZ): the DBN reader says what to do with it.
    private static bool IsZstd(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && (BinaryPrimitives.ReadUInt32LittleEndian(head) == 0xFD2FB528 || (BinaryPrimitives.ReadUInt32LittleEndian(head) & 0xFFFFFFF0) == 0x184D2A50);
}
