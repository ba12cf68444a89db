// case: rewrite
// The tasks local is read again after WhenAll: each task keeps its exact type (`Task<Product>`).
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Catalog;

public class CatalogLoader
{
    private readonly ICatalogClient _client;

    public CatalogLoader(ICatalogClient client) => _client = client;

    public async Task<List<Product>> LoadAsync(int[] ids)
    {
        var tasks = ids.Select(id => _client.GetProductAsync(id)).ToArray();
        await Task.WhenAll(tasks);
        return tasks.Select(t => t.Result).ToList();
    }

    // Which type `Lookup` returns is unknown (not in the solution): reported, not guessed.
    public async Task<int> CountAsync(int[] ids, IExternalLookup lookup)
    {
        var tasks = ids.Select(id => lookup.Lookup(id)).ToList();
        await Task.WhenAll(tasks);
        return tasks.Count(t => t.IsCompletedSuccessfully);
    }
}

public interface ICatalogClient
{
    Task<Product> GetProductAsync(int id);
}

public record Product(int Id, string Name);
