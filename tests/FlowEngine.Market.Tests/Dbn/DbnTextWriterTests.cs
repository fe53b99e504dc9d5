using System.Text;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;

namespace FlowEngine.Market.Tests.Dbn;

public class DbnTextWriterTests
{
    private static string Render(IEnumerable<MboEvent> events, DbnTextFormat format, bool tsOut = false, ulong tsOutValue = 0)
    {
        var output = new StringWriter();
        var writer = new DbnTextWriter(output, format, tsOut);
        writer.WriteHeader();
        foreach (var e in events)
            writer.Write(e, tsOutValue);
        writer.Flush();
        return output.ToString();
    }

    [Theory]
    [InlineData(DbnTextFormat.Csv, "GLBX.MDP3.test_data.mbo.expected.csv")]
    [InlineData(DbnTextFormat.Json, "GLBX.MDP3.test_data.mbo.expected.jsonl")]
    public void Rendering_matches_databento_python_byte_for_byte(DbnTextFormat format, string expectedFile)
    {
        var events = DbnTestData.ReadAll(DbnTestData.Python("GLBX.MDP3.test_data.mbo.dbn"));

        var text = Render(events, format);

        Assert.Equal(File.ReadAllBytes(DbnTestData.Python(expectedFile)), Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void Undefined_price_and_nul_characters_render_as_dbn_does()
    {
        var clear = new MboEvent { Price = MboEvent.UndefinedPrice, Action = MboAction.Clear, Side = 0, TsRecv = 5 };

        var csv = Render([clear], DbnTextFormat.Csv).Split('\n')[1];
        var json = Render([clear], DbnTextFormat.Json);

        Assert.Equal("5,0,160,0,0,R,,9223372036854775807,0,0,0,0,0,0", csv);
        Assert.Contains("\"action\":\"R\",\"side\":null,\"price\":\"9223372036854775807\"", json);
    }

    [Fact]
    public void Ts_out_adds_a_last_column_and_field()
    {
        var evt = new MboEvent { Action = MboAction.Add, Side = MboSide.Bid };

        var csv = Render([evt], DbnTextFormat.Csv, tsOut: true, tsOutValue: 77).Split('\n');
        var json = Render([evt], DbnTextFormat.Json, tsOut: true, tsOutValue: 77);

        Assert.EndsWith(",sequence,ts_out", csv[0]);
        Assert.EndsWith(",0,77", csv[1]);
        Assert.EndsWith(",\"sequence\":0,\"ts_out\":\"77\"}\n", json);
    }

    [Fact]
    public void Large_outputs_stream_in_blocks_and_keep_every_line()
    {
        var events = DbnTestData.ReadAll(DbnTestData.Cme(DbnTestData.EsSnapshot));

        var lines = Render(events, DbnTextFormat.Json).Split('\n');

        Assert.Equal(events.Count + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("{\"ts_recv\":\"", l));
    }
}
