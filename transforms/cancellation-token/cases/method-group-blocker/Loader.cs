// case: left-alone
// The method is also used as a method group: a delegate cannot supply a new parameter,
// so it keeps its signature and the call is reported.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pricing;

public class Loader
{
    private readonly PriceClient _client = new PriceClient();

    public async Task<decimal> FirstAsync(int id, CancellationToken ct)
    {
        return await _client.FetchAsync(id);
    }

    public Task<decimal[]> AllAsync(IEnumerable<int> ids) => Task.WhenAll(ids.Select(_client.FetchAsync));
}
