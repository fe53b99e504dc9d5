using FlowEngine.Book;
using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;
using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Pipeline;

public sealed class TopOfBookOutputTests
{
    [Fact]
    public void Every_field_survives_the_payload_round_trip()
    {
        var gen =
            from id in ArbMap.Default.GeneratorFor<uint>()
            from ts in ArbMap.Default.GeneratorFor<long>()
            from bp in ArbMap.Default.GeneratorFor<long>()
            from bs in ArbMap.Default.GeneratorFor<long>()
            from bc in ArbMap.Default.GeneratorFor<int>()
            from ap in ArbMap.Default.GeneratorFor<long>()
            from asz in ArbMap.Default.GeneratorFor<long>()
            from ac in ArbMap.Default.GeneratorFor<int>()
            select new TopOfBookOutput(id, ts, new TopOfBook(bp, bs, bc, ap, asz, ac));
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), output =>
        {
            var payload = new byte[TopOfBookOutput.Size];
            output.Write(payload);
            return TopOfBookOutput.Read(payload) == output;
        }));
    }

    [Fact]
    public void The_layout_is_fixed_little_endian()
    {
        var payload = new byte[TopOfBookOutput.Size];
        new TopOfBookOutput(0x01020304, 5, new TopOfBook(6, 7, 8, 9, 10, 11)).Write(payload);

        Assert.Equal(
            "04030201" + "00000000" + "0500000000000000" + "0600000000000000" + "0700000000000000" +
            "0900000000000000" + "0a00000000000000" + "08000000" + "0b000000",
            Convert.ToHexStringLower(payload));
    }

    [Fact]
    public void It_reads_as_prices_sizes_and_counts_and_rejects_a_wrong_length()
    {
        var output = new TopOfBookOutput(17077, 1703548799446821072, new TopOfBook(4_810_000_000_000, 12, 3, 4_810_250_000_000, 5, 2));
        Assert.Equal("instrument 17077 ts_recv 1703548799446821072: bid 4810.00 x 12 (3 orders) / ask 4810.25 x 5 (2 orders)", output.ToString());
        Assert.Equal("instrument 1 ts_recv 0: bid empty / ask empty", new TopOfBookOutput(1, 0, TopOfBook.Empty).ToString());

        var ex = Assert.Throws<InvalidDataException>(() => TopOfBookOutput.Read(new byte[55]));
        Assert.Contains("55 bytes, expected 56", ex.Message);
        Assert.Equal("3 bytes 0a0b0c", OutputFormat.Describe(99, [10, 11, 12]));
        Assert.StartsWith("instrument 17077", OutputFormat.Describe(JournalOutputKinds.TopOfBook, Payload(output)));
    }

    private static byte[] Payload(TopOfBookOutput output)
    {
        var payload = new byte[TopOfBookOutput.Size];
        output.Write(payload);
        return payload;
    }

    [Fact]
    public void Undefined_price_prints_as_undef_when_a_side_has_size()
    {
        var output = new TopOfBookOutput(1, 0, new TopOfBook(MboEvent.UndefinedPrice, 1, 1, MboEvent.UndefinedPrice, 0, 0));
        Assert.Contains("bid UNDEF x 1 (1 orders)", output.ToString());
    }
}
