// case: rewrite
// `Product[] products = await Task.WhenAll(...)`: each item returns its value, the array type is kept.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Catalog;

public class InventoryService
{
    private readonly ICatalogClient _client;

    public InventoryService(ICatalogClient client) => _client = client;

    public async Task<IReadOnlyList<Product>> GetProductsAsync(IEnumerable<int> ids)
    {
        Product[] products = await Task.WhenAll(ids.Select(id => _client.GetProductAsync(id)));
        return products;
    }

    public async Task<int> TotalStockAsync(IEnumerable<int> ids)
    {
        return (await Task.WhenAll(ids.Select(async id => await _client.GetStockAsync(id)))).Sum();
    }
}

public interface ICatalogClient
{
    Task<Product> GetProductAsync(int id);
    Task<int> GetStockAsync(int id);
}

public record Product(int Id, string Name);
