using FlowEngine.Benchmarks.Dbn;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Book;

/// <summary>
/// Loads the shared ES data for the book benchmarks, decoded once into memory so the benchmark measures
/// the book and nothing else.
/// </summary>
internal static class BookBenchData
{
    /// <summary>Records in esh4-glbx-mdp3-20231225.mbo.dbn (see ../shared/data/README.md).</summary>
    public const int EsDayRecords = 68_792;

    /// <summary>Every MBO record of the ES day file, in file order.</summary>
    public static MboEvent[] LoadEsDay()
    {
        var path = BenchData.Path("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
        var events = new List<MboEvent>(EsDayRecords);
        using var reader = DbnFileReader.Open(path);
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
        {
            if (evt.Kind == EventKind.Mbo)
                events.Add(evt);
        }
        if (events.Count != EsDayRecords)
            throw new InvalidDataException($"{path}: expected {EsDayRecords} MBO records, read {events.Count}");
        return [.. events];
    }
}
