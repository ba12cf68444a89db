// case: rewrite
// args: --all-transforms
// oracle: run
// Fan-outs waited on synchronously (`.Result`, `.Wait()`, `.GetAwaiter().GetResult()`): sync-over-async
// awaits them and bounded-fanout bounds them in the same run, so a second run changes nothing. The
// results and their order are kept.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class PriceClient
    {
        // Incremented from many fetches at once, so atomically: a plain ++ would lose counts.
        public int Calls;

        public async Task<decimal> FetchPriceAsync(int id)
        {
            await Task.Delay(1);
            Interlocked.Increment(ref Calls);
            return id * 1.5m;
        }
    }

    public class Catalog
    {
        private readonly PriceClient _client = new PriceClient();

        public int Calls => _client.Calls;

        public decimal[] LoadAll(int[] ids)
        {
            decimal[] prices = Task.WhenAll(ids.Select(id => _client.FetchPriceAsync(id))).Result;
            return prices;
        }

        public void Warm(int[] ids)
        {
            Task.WhenAll(ids.Select(id => _client.FetchPriceAsync(id))).Wait();
        }

        public int Count(int[] ids)
        {
            return Task.WhenAll(ids.Select(id => _client.FetchPriceAsync(id))).GetAwaiter().GetResult().Length;
        }
    }

    public static class Program
    {
        public static int Main()
        {
            var catalog = new Catalog();
            int[] ids = Enumerable.Range(1, 25).ToArray();
            decimal[] prices = catalog.LoadAll(ids);
            catalog.Warm(ids);
            int count = catalog.Count(ids);
            Console.WriteLine("count " + prices.Length + " " + count);
            Console.WriteLine("first " + prices[0] + " last " + prices[prices.Length - 1]);
            Console.WriteLine("total " + prices.Sum() + " calls " + catalog.Calls);
            return 0;
        }
    }
}
