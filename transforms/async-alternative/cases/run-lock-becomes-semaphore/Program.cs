// case: rewrite
// oracle: run
// `Get` blocks on `LoadAsync(…).Result` under `lock (_gate)`, and `await` cannot go inside a lock. `_gate` is a
// private field that only `lock` statements of the class use, nothing under the locks needs the lock's thread,
// and no code under them calls back into a method that takes it: the lock becomes a `SemaphoreSlim(1, 1)`,
// awaited before a `try` and released in its `finally`, and the wait inside becomes `await` (unsafe level:
// re-entrancy changes). `Clear`, which takes the same lock without waiting on a task, waits on the semaphore.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var cache = new PriceCache();
            Console.WriteLine(Checkout.TotalAsync(cache, new[] { "ab", "abc", "ab" }).GetAwaiter().GetResult());
            cache.Clear();
            Console.WriteLine(Checkout.TotalAsync(cache, new[] { "abcd" }).GetAwaiter().GetResult());
        }
    }

    public static class Checkout
    {
        public static async Task<decimal> TotalAsync(PriceCache cache, string[] skus)
        {
            decimal total = 0;
            foreach (var sku in skus)
            {
                total += cache.Get(sku);
            }
            await Task.Yield();
            return total;
        }
    }

    public class PriceCache
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, decimal> _prices = new Dictionary<string, decimal>();
        private int _loads;

        public decimal Get(string sku)
        {
            lock (_gate)
            {
                decimal price;
                if (!_prices.TryGetValue(sku, out price))
                {
                    price = LoadAsync(sku).Result;
                    _prices[sku] = price;
                }
                return price;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                Console.WriteLine("loads: " + _loads);
                _prices.Clear();
            }
        }

        private async Task<decimal> LoadAsync(string sku)
        {
            await Task.Delay(1);
            _loads++;
            return sku.Length * 1.5m;
        }
    }
}
