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
        var path = Path.Combine(SharedData(), "dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
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

    /// <summary>FLOWENGINE_SHARED_DATA, or ../shared/data beside the folder holding FlowEngine.sln.</summary>
    private static string SharedData()
    {
        if (Environment.GetEnvironmentVariable("FLOWENGINE_SHARED_DATA") is { Length: > 0 } env)
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowEngine.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
        throw new DirectoryNotFoundException("FlowEngine.sln not found above " + AppContext.BaseDirectory + "; set FLOWENGINE_SHARED_DATA");
    }
}
