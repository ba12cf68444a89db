// case: rewrite
// List<Task<T>> filled by a loop without braces, results kept; the list's type does not change.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Stock;

public class StockReader
{
    public async Task<int> TotalAsync(IEnumerable<string> warehouses)
    {
        List<Task<int>> counts = new List<Task<int>>();
        foreach (var warehouse in warehouses)
            counts.Add(CountAsync(warehouse));
        int[] results = await Task.WhenAll(counts);
        return results.Sum();
    }

    private Task<int> CountAsync(string warehouse) => Task.FromResult(warehouse.Length);
}
