// case: rewrite
// oracle: run
// Prices for every product are fetched at once; the rewrite bounds the fan-out and must keep
// the results and their order.
using System;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public static class PriceClient
    {
        public static async Task<decimal> FetchPriceAsync(int id)
        {
            await Task.Delay(1);
            return id * 1.5m;
        }
    }

    public static class Program
    {
        public static async Task<decimal[]> LoadAllAsync(int[] ids)
        {
            decimal[] prices = await Task.WhenAll(ids.Select(id => PriceClient.FetchPriceAsync(id)));
            return prices;
        }

        public static int Main()
        {
            int[] ids = Enumerable.Range(1, 25).ToArray();
            decimal[] prices = LoadAllAsync(ids).GetAwaiter().GetResult();
            Console.WriteLine("count " + prices.Length);
            Console.WriteLine("first " + prices[0] + " last " + prices[prices.Length - 1]);
            Console.WriteLine("total " + prices.Sum());
            return 0;
        }
    }
}
