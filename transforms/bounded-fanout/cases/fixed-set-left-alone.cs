// case: left-alone
// A fixed, small set of tasks is not a fan-out over a collection.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Dashboard;

public class DashboardLoader
{
    public async Task LoadAsync()
    {
        Task orders = LoadOrdersAsync();
        Task stock = LoadStockAsync();
        Task prices = LoadPricesAsync();
        await Task.WhenAll(orders, stock, prices);

        await Task.WhenAll(new[] { LoadOrdersAsync(), LoadStockAsync() });

        var startup = new List<Task> { LoadOrdersAsync(), LoadPricesAsync() };
        await Task.WhenAll(startup);

        var more = new List<Task>();
        more.Add(LoadOrdersAsync());
        more.Add(LoadStockAsync());
        await Task.WhenAll(more);

        await Task.WhenAll(new[] { 1, 2, 3 }.Select(region => LoadRegionAsync(region)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(shard => LoadRegionAsync(shard)));
    }

    private Task LoadOrdersAsync() => Task.CompletedTask;
    private Task LoadStockAsync() => Task.CompletedTask;
    private Task LoadPricesAsync() => Task.CompletedTask;
    private Task LoadRegionAsync(int region) => Task.CompletedTask;
}
