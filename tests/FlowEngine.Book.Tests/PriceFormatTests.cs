using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests;

public class PriceFormatTests
{
    [Theory]
    [InlineData(4_810_000_000_000L, "4810.00")]
    [InlineData(4_810_250_000_000L, "4810.25")]
    [InlineData(1_000_000_001L, "1.000000001")]
    [InlineData(-2_500_000_000L, "-2.50")]
    [InlineData(0L, "0.00")]
    [InlineData(long.MinValue, "-9223372036.854775808")]
    [InlineData(MboEvent.UndefinedPrice, "UNDEF")]
    public void Renders_exact_decimals(long price, string expected) => Assert.Equal(expected, PriceFormat.ToDecimal(price));

    [Fact]
    public void Minimum_decimals_can_be_chosen()
    {
        Assert.Equal("4810", PriceFormat.ToDecimal(4_810_000_000_000L, 0));
        Assert.Equal("4810.2500", PriceFormat.ToDecimal(4_810_250_000_000L, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PriceFormat.ToDecimal(1, 10));
    }
}
