// case: left-alone
// Batching loops already bound the fan-out: each pass awaits one chunk.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Import;

public class Importer
{
    public async Task ImportAsync(IReadOnlyList<int> ids)
    {
        foreach (var batch in ids.Chunk(20))
        {
            await Task.WhenAll(batch.Select(id => ImportOneAsync(id)));
        }
    }

    public async Task ImportPagedAsync(List<int> ids, int size)
    {
        for (int i = 0; i < ids.Count; i += size)
        {
            var page = ids.GetRange(i, System.Math.Min(size, ids.Count - i));
            await Task.WhenAll(page.Select(ImportOneAsync));
        }
    }

    public async Task ImportSkippingAsync(IReadOnlyList<int> ids)
    {
        for (int skip = 0; skip < ids.Count; skip += 50)
        {
            await Task.WhenAll(ids.Skip(skip).Take(50).Select(id => ImportOneAsync(id)));
        }
    }

    private Task ImportOneAsync(int id) => Task.Delay(id);
}
