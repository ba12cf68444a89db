// case: left-alone
// Siblings a caller cannot simply switch to: a private async sibling of a public method (callers elsewhere could
// not reach it) and an instance sibling of a static method. Both are reported.
using System.Threading.Tasks;

namespace Shop
{
    public class Prices
    {
        public decimal Get(string sku) => 1m;
        private Task<decimal> GetAsync(string sku) => Task.FromResult(1m);

        public static decimal Tax(decimal amount) => amount / 10;
        public Task<decimal> TaxAsync(decimal amount) => Task.FromResult(amount / 10);
    }

    public class Cart
    {
        public async Task<decimal> TotalAsync(Prices prices)
        {
            await Task.Yield();
            var price = prices.Get("a");
            return price + Prices.Tax(price);
        }
    }
}
