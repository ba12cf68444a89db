// case: rewrite
// Lambdas and local functions capture the method's token; a static local function gets its own.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

public class PriceLoader
{
    public async Task<decimal> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        await Task.Delay(10, cancellationToken);
        return id * 1.5m;
    }

    public async Task<decimal[]> LoadAllAsync(IEnumerable<int> ids, CancellationToken async)
    {
        decimal[] prices = await Task.WhenAll(ids.Select(id => LoadAsync(id)));
        var doubled = await Task.WhenAll(ids.Where(id => id > 0).Select(async id =>
        {
            decimal p = await LoadAsync(id);
            return p * 2;
        }));
        await Settle();
        await Pause(5);
        return prices.Concat(doubled).ToArray();

        async Task Settle()
        {
            await Task.Delay(1);
        }

        static async Task Pause(int ms)
        {
            await Task.Delay(ms);
        }
    }
}
