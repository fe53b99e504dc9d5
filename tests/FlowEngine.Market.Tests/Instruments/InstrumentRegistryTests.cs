using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Tests.Instruments;

public class InstrumentRegistryTests
{
    [Fact]
    public void Apply_adds_and_replaces_by_id_keeping_first_arrival_order()
    {
        var registry = new InstrumentRegistry();
        registry.Apply(new InstrumentDefinition { InstrumentId = 9, RawSymbol = "B" });
        registry.Apply(new InstrumentDefinition { InstrumentId = 3, RawSymbol = "A" });
        registry.Apply(new InstrumentDefinition { InstrumentId = 9, RawSymbol = "B2" });

        Assert.Equal([9u, 3u], registry.Keys);
        Assert.Equal("B2", registry[9].RawSymbol);
        Assert.Equal(3, registry.Version);
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public void Unknown_ids_are_absent_not_crashes_except_for_the_indexer()
    {
        var registry = new InstrumentRegistry();

        Assert.Null(registry.Find(1));
        Assert.False(registry.TryGetValue(1, out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => registry[1]);
        Assert.Contains("no definition for instrument 1", ex.Message);
    }
}
