// case: rewrite
// foreach + List<Task>.Add: each item's work waits for a slot inside an async lambda.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Prices;

public class PriceService
{
    public async Task RefreshPricesAsync(IEnumerable<int> productIds)
    {
        var tasks = new List<Task>();
        foreach (int productId in productIds)
        {
            tasks.Add(FetchPriceAsync(productId));
        }

        await Task.WhenAll(tasks);
    }

    private Task FetchPriceAsync(int productId) => Task.Delay(productId);
}
