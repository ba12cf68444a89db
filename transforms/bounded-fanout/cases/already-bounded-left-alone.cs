// case: left-alone
// Already bounded: Take(n), a SemaphoreSlim in the lambda or loop, Parallel.ForEachAsync.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Sync;

public class Throttled
{
    private readonly SemaphoreSlim _gate = new(4);

    public async Task FirstThreeAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Take(3).Select(id => PushAsync(id)));
    }

    public async Task PageAsync(IEnumerable<int> ids, int pageSize)
    {
        await Task.WhenAll(ids.Take(pageSize).Select(id => PushAsync(id)));
    }

    public async Task GatedAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(async id =>
        {
            await _gate.WaitAsync();
            try { await PushAsync(id); }
            finally { _gate.Release(); }
        }));
    }

    public async Task LoopGatedAsync(IEnumerable<int> ids)
    {
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            await _gate.WaitAsync();
            tasks.Add(PushAndReleaseAsync(id));
        }
        await Task.WhenAll(tasks);
    }

    public async Task ForEachAsyncAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        await Parallel.ForEachAsync(ids, ct, async (id, token) => await PushAsync(id));
    }

    private async Task PushAndReleaseAsync(int id)
    {
        try { await PushAsync(id); }
        finally { _gate.Release(); }
    }

    private Task PushAsync(int id) => Task.Delay(id);
}
