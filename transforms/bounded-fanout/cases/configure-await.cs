// case: rewrite
// Library code that awaits with ConfigureAwait(false): the new awaits do the same.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Client;

public class BatchClient
{
    public async Task<string[]> FetchAllAsync(IEnumerable<string> keys)
    {
        return await Task.WhenAll(keys.Select(k => FetchAsync(k))).ConfigureAwait(false);
    }

    private Task<string> FetchAsync(string key) => Task.FromResult(key);
}
