// case: rewrite
// `Task.Run` around async work starts it on the thread pool, away from the caller's thread and context:
// it stays, inside the limited lambda.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Sync;

public class StockSync
{
    private readonly IWarehouse _warehouse;

    public StockSync(IWarehouse warehouse) => _warehouse = warehouse;

    public async Task SyncAsync(IEnumerable<string> skus)
    {
        await Task.WhenAll(skus.Select(sku => Task.Run(() => _warehouse.PushAsync(sku))));
    }

    public async Task SyncAgainAsync(IEnumerable<string> skus)
    {
        await Task.WhenAll(skus.Select(sku => Task.Run(async () => await _warehouse.PushAsync(sku))));
    }

    public async Task SyncBlocksAsync(IEnumerable<string> skus)
    {
        await Task.WhenAll(skus.Select(sku => Task.Run(async () =>
        {
            await _warehouse.PushAsync(sku);
            await _warehouse.PushAsync(sku + "-backup");
        })));
    }

    // Not proven async (an unknown receiver): `Task.Run` is kept.
    public async Task SyncUnknownAsync(IEnumerable<string> skus, dynamic legacy)
    {
        await Task.WhenAll(skus.Select(sku => Task.Run(() => legacy.PushAsync(sku))));
    }
}

public interface IWarehouse
{
    Task PushAsync(string sku);
}
