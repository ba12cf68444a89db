// case: rewrite
// The two-statement form: the tasks are built first (`.ToList()` starts them), awaited later.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Indexing;

public class SearchIndexer
{
    public async Task ReindexAsync(IEnumerable<int> productIds)
    {
        var tasks = productIds.Select(id => IndexAsync(id)).ToList();
        Log($"indexing {tasks.Count} products");
        await Task.WhenAll(tasks);
    }

    public async Task ReindexLazilyAsync(IEnumerable<int> productIds)
    {
        IEnumerable<Task> pending = productIds.Select(async id =>
        {
            await IndexAsync(id);
            Log($"indexed {id}");
        });
        await Task.WhenAll(pending);
    }

    private Task IndexAsync(int id) => Task.Delay(id);
    private void Log(string message) { }
}
