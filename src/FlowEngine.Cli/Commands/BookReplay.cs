using FlowEngine.Book;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// The work behind <c>flowengine book</c>: replays DBN files in order into a <see cref="BookSet"/> and, when
/// asked, writes the top of book after every F_LAST record. Kept apart from the command wiring so the
/// replay reads like the engine's own loop.
/// </summary>
internal sealed class BookReplay
{
    private readonly uint? _instrument;

    public BookReplay(uint? instrument) => _instrument = instrument;

    /// <summary>The books built so far, sorted by instrument id.</summary>
    public BookSet Books { get; } = new();

    /// <summary>Records read from all files, of any kind (skipped ones included).</summary>
    public long Records { get; private set; }

    /// <summary>MBO records among them.</summary>
    public long MboRecords { get; private set; }

    /// <summary>MBO records of other instruments, skipped because of <c>--instrument</c>.</summary>
    public long FilteredOut { get; private set; }

    /// <summary>The instrument whose rows go to the CSV: the chosen one, or the first one seen.</summary>
    public uint? BboInstrument { get; private set; }

    /// <summary>Instruments seen in MBO records (before filtering), sorted.</summary>
    public SortedSet<uint> InstrumentsSeen { get; } = [];

    /// <summary>Replays one file, continuing the record index from the previous files.</summary>
    public void Replay(string path, BookBboCsvWriter? bbo)
    {
        using var reader = DbnFileReader.Open(path);
        var first = Records;
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
        {
            // The reader counts every record it consumed, skipped ones too, so this is the record's true
            // position in the file even when records of other schemas were passed over.
            var index = first + reader.RecordsRead - 1;
            Records = index + 1;
            if (evt.Kind != EventKind.Mbo)
                continue;
            MboRecords++;
            var id = evt.InstrumentId;
            InstrumentsSeen.Add(id);
            if (_instrument is { } only && id != only)
            {
                FilteredOut++;
                continue;
            }
            Books.Apply(in evt);
            if (bbo is null || (evt.Flags & MboFlags.Last) == 0)
                continue;
            BboInstrument ??= id;
            if (id == BboInstrument)
                bbo.Write(index, evt.TsRecv, evt.Sequence, Books.LastBook!.ConsistentTop);
        }
        Records = first + reader.RecordsRead;
    }
}
