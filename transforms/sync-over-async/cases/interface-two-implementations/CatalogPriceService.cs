using System.Threading.Tasks;

namespace Shop.Pricing
{
    public class CatalogPriceService : IPriceService
    {
        private Task<decimal> LookupAsync(int id) => Task.FromResult(id * 1.5m);

        public decimal GetPrice(int productId)
        {
            return LookupAsync(productId).Result;
        }
    }
}
