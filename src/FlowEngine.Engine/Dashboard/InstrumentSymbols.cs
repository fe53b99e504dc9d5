using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Engine.Dashboard;

/// <summary>Instrument id → symbol, for showing quotes by name.</summary>
public static class InstrumentSymbols
{
    /// <summary>
    /// The symbols in a run's <c>instruments.dbn</c>; empty when the file does not exist (yet) or cannot be read:
    /// names are a courtesy, and ids alone still identify every quote.
    /// </summary>
    public static IReadOnlyDictionary<uint, string> Load(string instrumentsFile)
    {
        var symbols = new Dictionary<uint, string>();
        if (!File.Exists(instrumentsFile))
            return symbols;
        try
        {
            using var reader = DbnFileReader.Open(instrumentsFile);
            var evt = default(MboEvent);
            while (reader.Read(ref evt))
            {
            }
            foreach (var (id, definition) in reader.Definitions)
                symbols[id] = definition.RawSymbol;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            symbols.Clear();
        }
        return symbols;
    }
}
