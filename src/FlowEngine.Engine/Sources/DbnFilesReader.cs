using System.Globalization;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// Databento DBN files read one after the other as one stream (e.g. a snapshot file, then the day), sharing one
/// instrument registry so definitions from an earlier file stay known. A damaged record ends the stream with a
/// <see cref="DbnFormatException"/> naming file and offset, after every good record before it was delivered.
/// </summary>
public sealed class DbnFilesReader : IEventReader
{
    private readonly IReadOnlyList<string> _paths;
    private readonly InstrumentRegistry _registry = new();
    private DbnFileReader? _current;
    private int _next;

    /// <summary>Checks that every file exists (so a typo fails before the run starts) and opens the first.</summary>
    public DbnFilesReader(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
            throw new ArgumentException("the dbn source needs at least one file");
        foreach (var path in paths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"DBN file not found: {path}", path);
        }
        _paths = paths;
        Description = paths.Count == 1
            ? "dbn " + Path.GetFileName(paths[0])
            : string.Create(CultureInfo.InvariantCulture, $"dbn {paths.Count} files ({Path.GetFileName(paths[0])} …)");
        OpenNext();
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool NeedsTimerTicks => true;

    /// <inheritdoc />
    public IReadOnlyCollection<InstrumentDefinition> Definitions => [.. _registry.Values];

    /// <summary>MBO records delivered so far over all files.</summary>
    public long MboRecords { get; private set; }

    /// <inheritdoc />
    public bool Read(ref MboEvent evt)
    {
        while (_current is not null)
        {
            if (_current.Read(ref evt))
                return true;
            MboRecords += _current.MboRecordsRead;
            OpenNext();
        }
        return false;
    }

    private void OpenNext()
    {
        _current?.Dispose();
        _current = null;
        if (_next < _paths.Count)
            _current = DbnFileReader.Open(_paths[_next++], new DbnReaderOptions { Registry = _registry });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        _next = _paths.Count;
    }
}
