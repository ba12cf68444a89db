// case: rewrite
using System.Threading.Tasks;
using Xunit;

namespace Shop.Tests
{
    public class PriceTests
    {
        private static Task<decimal> PriceAsync() => Task.FromResult(12.5m);

        [Fact]
        public void Price_is_positive()
        {
            var price = PriceAsync().Result;
            Assert.True(price > 0);
        }
    }
}
