using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests.Support;

/// <summary>Reads every MBO record of a DBN file into memory with the project's decoder.</summary>
internal static class DbnEvents
{
    public static MboEvent[] Read(string path)
    {
        var events = new List<MboEvent>();
        using var reader = DbnFileReader.Open(path);
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
        {
            if (evt.Kind == EventKind.Mbo)
                events.Add(evt);
        }
        return [.. events];
    }
}
