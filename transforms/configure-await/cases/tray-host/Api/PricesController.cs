using System.Threading.Tasks;

namespace Api
{
    public class PricesController
    {
        private readonly Pricing.PriceList _prices;

        public PricesController(Pricing.PriceList prices) => _prices = prices;

        public async Task<decimal> Get(string sku) => await _prices.PriceAsync(sku);
    }
}
