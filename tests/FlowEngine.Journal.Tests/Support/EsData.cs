using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Journal.Tests.Support;

/// <summary>The real ES MBO day as MboEvents, read once with the DBN reader and shared by the tests.</summary>
internal static class EsData
{
    private static readonly Lazy<MboEvent[]> Day = new(() => Load(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn")));

    /// <summary>The 68,792 events of esh4-glbx-mdp3-20231225.mbo.dbn.</summary>
    public static MboEvent[] Events => Day.Value;

    private static MboEvent[] Load(string path)
    {
        var events = new List<MboEvent>(70_000);
        using var reader = DbnFileReader.Open(path);
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
            events.Add(evt);
        return events.ToArray();
    }
}
