using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnDefinitionTests
{
    [Fact]
    public void Cme_v1_definition_of_ESM4_decodes_the_contract_terms()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Cme(DbnTestData.OrderBooksDefinition));
        var evt = default(MboEvent);

        Assert.True(reader.Read(ref evt));
        Assert.Equal(EventKind.InstrumentDefinition, evt.Kind);
        Assert.Equal(5602u, evt.InstrumentId);
        Assert.False(reader.Read(ref evt));

        var def = reader.Definitions[5602];
        Assert.Equal("ESM4", def.RawSymbol);
        Assert.Equal(InstrumentClass.Future, def.Class);
        Assert.Equal(250_000_000, def.TickSize);                 // 0.25 index points
        Assert.Equal(50_000_000_000, def.Multiplier);            // $50 per point
        Assert.Equal("USD", def.Currency);
        Assert.Equal(MboEvent.UndefinedPrice, def.StrikePrice);  // a future has no strike
        Assert.Equal("", def.Underlying);
        // ESM4 expires on the third Friday of June 2024, 09:30 New York time (13:30 UTC).
        Assert.Equal(new DateTime(2024, 6, 21, 13, 30, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddTicks(def.Expiration / 100));
        Assert.Equal(evt.TsRecv, def.TsRecv);
        Assert.Equal(reader.Metadata.Start, def.TsRecv);
        Assert.Equal(1, reader.RecordsRead);
        Assert.Equal(0, reader.MboRecordsRead);
    }

    [Fact]
    public void Cme_definition_id_matches_the_mbo_files_instrument()
    {
        using var defs = DbnFileReader.Open(DbnTestData.Cme(DbnTestData.OrderBooksDefinition));
        DbnTestData.ReadAll(defs);
        var mbo = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.OrderBooks));

        Assert.All(mbo, e => Assert.True(defs.Definitions.ContainsKey(e.InstrumentId)));
    }

    [Fact]
    public void Xnas_v2_definitions_are_the_MSFT_ids_of_the_first_two_days_of_the_mapping()
    {
        using var reader = DbnFileReader.Open(DbnTestData.Format("test_data.definition.dbn"));
        var events = DbnTestData.ReadAll(reader);
        var intervals = reader.Metadata.Mappings[0].Intervals;

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(EventKind.InstrumentDefinition, e.Kind));
        Assert.Equal([uint.Parse(intervals[0].Symbol), uint.Parse(intervals[1].Symbol)], events.Select(e => e.InstrumentId));
        foreach (var e in events)
        {
            var def = reader.Definitions[e.InstrumentId];
            Assert.Equal("MSFT", def.RawSymbol);
            Assert.Equal(InstrumentClass.Stock, def.Class);
            Assert.Equal(long.MaxValue, def.Expiration);     // equities do not expire
            Assert.Equal(MboEvent.UndefinedPrice, def.StrikePrice);
            Assert.Equal(e.TsRecv, def.TsRecv);
            Assert.True(def.TsRecv >= e.TsEvent);
        }
    }

    [Fact]
    public void A_shared_registry_collects_definitions_across_readers()
    {
        var registry = new InstrumentRegistry();
        var options = new DbnReaderOptions { Registry = registry };
        using (var a = DbnFileReader.Open(DbnTestData.Cme(DbnTestData.OrderBooksDefinition), options))
            DbnTestData.ReadAll(a);
        using (var b = DbnFileReader.Open(DbnTestData.Format("test_data.definition.dbn"), options))
            DbnTestData.ReadAll(b);

        Assert.Equal([5602u, 6819u, 6830u], registry.Keys);
        Assert.Equal("ESM4", registry.Find(5602)!.RawSymbol);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Option_definitions_round_trip_through_every_version_layout(byte version)
    {
        var call = new InstrumentDefinition
        {
            InstrumentId = 42,
            RawSymbol = version == 1 ? "ESH4 C4800" : "ESH4 C4800 (long v2+ symbol)",
            Class = InstrumentClass.Call,
            StrikePrice = 4_800_000_000_000,
            Underlying = "ESH4",
            Expiration = 1_710_509_400_000_000_000,
            TickSize = 50_000_000,
            Multiplier = 50_000_000_000,
            Currency = "USD",
            TsRecv = 1_703_462_400_000_000_000,
        };
        var put = call with { InstrumentId = 43, Class = InstrumentClass.Put, RawSymbol = "ESH4 P4800" };
        using var stream = new MemoryStream();
        using (var writer = new DbnWriter(stream, new DbnMetadata { Version = version, Schema = DbnSchema.Definition }, leaveOpen: true))
        {
            writer.WriteDefinition(call, publisherId: 1);
            writer.WriteDefinition(put, publisherId: 1);
        }

        using var reader = DbnFileReader.FromBytes(stream.ToArray());
        var events = DbnTestData.ReadAll(reader);

        Assert.Equal(2, events.Count);
        Assert.Equal(call, reader.Definitions[42]);
        Assert.Equal(put, reader.Definitions[43]);
        Assert.Equal(1, events[0].PublisherId);
        Assert.Equal(DbnFormat.DefinitionRecordLength(version) * 2, stream.Length - reader.Metadata.HeaderLength);
    }

    [Fact]
    public void A_newer_definition_of_the_same_instrument_replaces_the_older()
    {
        var first = new InstrumentDefinition { InstrumentId = 7, RawSymbol = "OLD", TsRecv = 1 };
        var second = first with { RawSymbol = "NEW", TsRecv = 2 };
        using var stream = new MemoryStream();
        using (var writer = new DbnWriter(stream, new DbnMetadata { Schema = null }, leaveOpen: true))
        {
            writer.WriteDefinition(first);
            writer.WriteDefinition(second);
        }

        using var reader = DbnFileReader.FromBytes(stream.ToArray());
        DbnTestData.ReadAll(reader);

        Assert.Equal("NEW", Assert.Single(reader.Definitions).Value.RawSymbol);
        Assert.Equal(2, reader.Registry.Version);
    }
}
