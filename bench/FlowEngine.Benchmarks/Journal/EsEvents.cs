using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Journal;

/// <summary>The real ES MBO day (esh4-glbx-mdp3-20231225.mbo.dbn, 68,792 records) as MboEvents.</summary>
internal static class EsEvents
{
    public static MboEvent[] Load()
    {
        var events = new List<MboEvent>(70_000);
        using var reader = DbnFileReader.Open(Path.Combine(SharedData(), "dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn"));
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
            events.Add(evt);
        return events.ToArray();
    }

    private static string SharedData()
    {
        if (Environment.GetEnvironmentVariable("FLOWENGINE_SHARED_DATA") is { Length: > 0 } env)
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowEngine.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
        throw new DirectoryNotFoundException("shared data not found: set FLOWENGINE_SHARED_DATA");
    }
}
