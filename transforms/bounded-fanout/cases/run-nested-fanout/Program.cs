// case: rewrite
// oracle: run
// A fan-out inside another's lambda, and (C# 7.2, so `using` blocks) two fan-outs in a row: each rewrite
// restructures the code of the next, and one run still bounds all of them. Results and their order are kept.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Warehouse
{
    public class Stocktake
    {
        // Incremented from many counts at once, so atomically.
        private int _counted;

        public int Counted => _counted;

        public async Task<int> CountAsync(int shelf)
        {
            await Task.Delay(1);
            Interlocked.Increment(ref _counted);
            return shelf % 7;
        }

        public async Task<int[]> CountAislesAsync(int[][] aisles)
        {
            return await Task.WhenAll(aisles.Select(async shelves =>
            {
                int[] counts = await Task.WhenAll(shelves.Select(shelf => CountAsync(shelf)));
                return counts.Sum();
            }));
        }

        public async Task<int> CompareAsync(int[] before, int[] after)
        {
            int[] first = await Task.WhenAll(before.Select(shelf => CountAsync(shelf)));
            int[] second = await Task.WhenAll(after.Select(shelf => CountAsync(shelf)));
            return second.Sum() - first.Sum();
        }
    }

    public static class Program
    {
        public static int Main()
        {
            var stocktake = new Stocktake();
            int[][] aisles = Enumerable.Range(0, 6).Select(a => Enumerable.Range(a * 20, 20).ToArray()).ToArray();
            int[] perAisle = stocktake.CountAislesAsync(aisles).GetAwaiter().GetResult();
            Console.WriteLine("aisles " + string.Join(",", perAisle));
            int delta = stocktake.CompareAsync(Enumerable.Range(0, 30).ToArray(), Enumerable.Range(5, 30).ToArray())
                .GetAwaiter().GetResult();
            Console.WriteLine("delta " + delta + " counted " + stocktake.Counted);
            return stocktake.Counted == 180 ? 0 : 4;
        }
    }
}
