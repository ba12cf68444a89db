using System.Threading.Tasks;

namespace Pricing
{
    public class CatalogPriceSource : IPriceSource
    {
        public string Name => "catalog";

        public decimal GetPrice(string sku)
        {
            return FetchAsync(sku).Result;
        }

        // Simulated catalog lookup.
        private static async Task<decimal> FetchAsync(string sku)
        {
            await Task.Delay(1);
            return sku.Length * 1.25m;
        }
    }
}
