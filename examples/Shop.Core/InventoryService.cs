using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Shop.Core.Data;
using Shop.Core.Models;

namespace Shop.Core.Inventory;

/// <summary>
/// Stock levels, a small in-process cache and the periodic order/stock sync.
/// </summary>
public class InventoryService
{
    private readonly WarehouseClient _client;
    private readonly IOrderRepository _orders;
    private readonly object _sync = new object();
    private readonly Dictionary<int, int> _cache = new Dictionary<int, int>();

    public InventoryService(WarehouseClient client, IOrderRepository orders)
    {
        _client = client;
        _orders = orders;
        // Resolved once per scope; every request pays for this round-trip.
        Warehouses = client.GetWarehousesAsync().Result;
    }

    public IReadOnlyList<string> Warehouses { get; }

    /// <summary>Stock per product, in product id order.</summary>
    public IDictionary<int, int> GetStockLevels(IEnumerable<int> productIds)
    {
        var levels = new SortedDictionary<int, int>();
#pragma warning disable CS0618 // GetStock is obsolete
        foreach (int productId in productIds)
        {
            levels[productId] = _client.GetStock(productId);
        }
#pragma warning restore CS0618
        return levels;
    }

    /// <summary>Cached stock level; the first lookup per product goes to the API.</summary>
    public int GetCachedStock(int productId)
    {
        lock (_sync)
        {
            if (!_cache.TryGetValue(productId, out int stock))
            {
                stock = _client.GetStockAsync(productId).Result;
                _cache[productId] = stock;
            }

            return stock;
        }
    }

    /// <summary>Fills the cache before the first request is served.</summary>
    public void WarmUp()
    {
        Task catalog = LoadProductsAsync(new[] { 1, 2, 3 });
        Task pending = SyncAsync();
        Task.WaitAll(catalog, pending);
    }

    /// <summary>Loads many products at once and caches their stock.</summary>
    public async Task<Product[]> LoadProductsAsync(IReadOnlyList<int> ids)
    {
        Product[] products = await Task.WhenAll(ids.Select(id => _client.GetProductAsync(id)));
        lock (_sync)
        {
            foreach (Product product in products)
            {
                _cache[product.Id] = product.Stock;
            }
        }

        return products;
    }

    /// <summary>Catalog entry with a fresh stock figure.</summary>
    public async Task<Product> GetProductWithStockAsync(int productId)
    {
        Task<Product> productTask = _client.GetProductAsync(productId);
        Task<int> stockTask = _client.GetStockAsync(productId);
        await Task.WhenAll(productTask, stockTask);

        // Both tasks have completed here: reading Result does not block.
        return productTask.Result with { Stock = stockTask.Result };
    }

    /// <summary>
    /// Re-checks pending orders against the cache and returns those whose
    /// products are now fully in stock.
    /// </summary>
    public async Task<IReadOnlyList<Order>> SyncAsync()
    {
        IReadOnlyList<Order> pending = await _orders.GetPendingOrdersAsync();
        var ready = new List<Order>();
        foreach (Order order in pending)
        {
            bool inStock;
            lock (_sync)
            {
                inStock = order.Lines.All(line =>
                    _cache.TryGetValue(line.ProductId, out int stock) && stock >= line.Quantity);
            }

            if (inStock)
            {
                ready.Add(order);
            }
        }

        return ready;
    }
}
