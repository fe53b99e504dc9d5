using System.Globalization;
using FlowEngine.Engine.Runs;
using FlowEngine.Journal;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Engine.Sources;

/// <summary>
/// A recorded run's inputs, in order, exactly as they were published (timer ticks included): the source of
/// <c>replay</c> and <c>parity</c>. The recorded ring sequences must run 0, 1, 2, … without a gap, because
/// outputs are tagged with them; a gap (a journal read past damage) is an error naming the sequence.
/// </summary>
public sealed class JournalInputReader : IEventReader
{
    private readonly JournalReader _reader;
    private readonly List<InstrumentDefinition> _definitions = [];
    private long _expected;

    /// <summary>Opens the <c>inputs/</c> journal of the run in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The run directory or its inputs journal does not exist.</exception>
    public JournalInputReader(string runDirectory)
    {
        var layout = RunLayout.Existing(runDirectory);
        _reader = JournalReader.Open(layout.InputsDirectory);
        RunDirectory = layout.Directory;
        Description = "replay " + Path.GetFileName(layout.Directory);
        if (File.Exists(layout.InstrumentsFile))
        {
            using var definitions = DbnFileReader.Open(layout.InstrumentsFile);
            var evt = default(MboEvent);
            while (definitions.Read(ref evt))
            {
            }
            _definitions.AddRange(definitions.Registry.Values);
        }
    }

    /// <summary>The run directory being replayed (absolute).</summary>
    public string RunDirectory { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool NeedsTimerTicks => false;

    /// <inheritdoc />
    public IReadOnlyCollection<InstrumentDefinition> Definitions => _definitions;

    /// <summary>Inputs delivered so far.</summary>
    public long InputsRead => _expected;

    /// <inheritdoc />
    public bool Read(ref MboEvent evt)
    {
        while (_reader.TryRead(out var record))
        {
            if (!record.IsInput)
                continue;
            if (record.Sequence != _expected)
                ThrowGap(record.Sequence);
            evt = record.Input;
            _expected++;
            return true;
        }
        return false;
    }

    private void ThrowGap(long found) => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
        $"journal {_reader.RunDirectory}: input sequence {found} follows {_expected - 1}; inputs {_expected}..{found - 1} are missing, so outputs cannot be recomputed past them"));

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
