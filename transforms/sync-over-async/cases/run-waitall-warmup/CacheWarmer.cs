using System.Threading.Tasks;

namespace Warmup
{
    public static class CacheWarmer
    {
        public static int Warm(string region)
        {
            Task<int> products = LoadAsync(region + "/products", 3);
            Task<int> prices = LoadAsync(region + "/prices", 5);
            Task.WaitAll(products, prices);
            return products.Result + prices.Result;
        }

        // Simulated remote load: the count of entries fetched.
        private static async Task<int> LoadAsync(string key, int count)
        {
            await Task.Delay(1);
            return count * key.Length;
        }
    }
}
