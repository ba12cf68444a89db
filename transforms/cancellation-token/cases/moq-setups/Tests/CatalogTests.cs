using System.Threading;
using System.Threading.Tasks;
using Moq;
using Shop;
using Xunit;

namespace Shop.Tests;

public class CatalogTests
{
    [Fact]
    public async Task Sums_the_prices()
    {
        var prices = new Mock<IPriceSource>();
        prices.Setup(p => p.GetPriceAsync(It.IsAny<int>())).ReturnsAsync(2m);
        var legacy = new Mock<ILegacyPrices>();
        legacy.Setup(p => p.GetPriceAsync(1)).ReturnsAsync(9m);

        var total = await new Catalog(prices.Object).TotalAsync(new[] { 1, 2 }, CancellationToken.None);

        Assert.Equal(4m, total);
        prices.Verify(p => p.GetPriceAsync(1), Times.Once());
    }
}
