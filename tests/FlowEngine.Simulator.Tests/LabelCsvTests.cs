namespace FlowEngine.Simulator.Tests;

public sealed class LabelCsvTests
{
    private const string Header = "id,group,kind,instrument_id,side,start_ts_ns,end_ts_ns,price,volume,actions,levels";

    [Fact]
    public void Labels_round_trip_through_the_csv_file()
    {
        var sim = new MarketSimulator(new SimulatorOptions { Seed = 12, Duration = TimeSpan.FromMinutes(2) });
        StreamDigest.Of(sim);
        Assert.Contains(sim.Labels, l => l.Kind == EpisodeKind.MarketMakerCallPut);
        var path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.csv");
        try
        {
            sim.WriteLabels(path);
            var lines = File.ReadAllLines(path);
            Assert.Equal(Header, lines[0]);
            Assert.Equal(sim.Labels.Count + 1, lines.Length);
            Assert.Equal(sim.Labels, EpisodeLabelCsv.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_label_line_spells_kind_and_side_as_documented()
    {
        var label = new EpisodeLabel
        {
            Id = 3, Group = 3, Kind = EpisodeKind.MarketMakerTwoSided, InstrumentId = 1017, Side = EpisodeSide.Both,
            StartNs = 10, EndNs = 20, Price = 42_500_000_000, Volume = 90, Actions = 7, Levels = 1,
        };
        var writer = new StringWriter();
        EpisodeLabelCsv.Write(writer, [label]);
        Assert.Equal(Header + "\n3,3,mm_two_sided,1017,both,10,20,42500000000,90,7,1\n", writer.ToString());
    }

    [Theory]
    [InlineData("", "labels.csv: empty file")]
    [InlineData("id,kind\n", "labels.csv, line 1: header is 'id,kind'")]
    [InlineData(Header + "\n1,1,sweep,1000,buy,5,6,7,8,9\n", "labels.csv, line 2: 10 fields, expected 11")]
    [InlineData(Header + "\n1,1,whale,1000,buy,5,6,7,8,9,2\n", "labels.csv, line 2, field kind: 'whale' is not one of")]
    [InlineData(Header + "\n1,1,sweep,1000,up,5,6,7,8,9,2\n", "labels.csv, line 2, field side: 'up' is not one of buy, sell, both, none")]
    [InlineData(Header + "\n1,1,sweep,1000,buy,x,6,7,8,9,2\n", "labels.csv, line 2, field start_ts_ns: 'x' is not an integer")]
    [InlineData(Header + "\n\n1,1,sweep,-4,buy,5,6,7,8,9,2\n", "labels.csv, line 3, field instrument_id: '-4' is not an integer")]
    [InlineData(Header + "\n1,1,sweep,1000,buy,9,6,7,8,9,2\n", "labels.csv, line 2: end_ts_ns 6 is before start_ts_ns 9")]
    public void Bad_label_files_are_rejected_with_the_line_and_field(string text, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => EpisodeLabelCsv.Read(new StringReader(text), "labels.csv"));
        Assert.StartsWith(expected, ex.Message);
    }
}
