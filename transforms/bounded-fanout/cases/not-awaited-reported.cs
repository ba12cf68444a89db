// case: left-alone
// The WhenAll is returned or stored, not awaited here: a limiter scoped to this block could be
// disposed while the work still runs, so these are reported.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Sync;

public class Pusher
{
    public Task PushAllAsync(IEnumerable<int> ids)
    {
        return Task.WhenAll(ids.Select(id => PushAsync(id)));
    }

    public Task PushAllArrowAsync(IEnumerable<int> ids) => Task.WhenAll(ids.Select(id => PushAsync(id)));

    public async Task PushLaterAsync(IEnumerable<int> ids)
    {
        Task all = Task.WhenAll(ids.Select(id => PushAsync(id)));
        await Log();
        await all;
    }

    public async Task PushArrowAsync(IEnumerable<int> ids) => await Task.WhenAll(ids.Select(id => PushAsync(id)));

    // Blocks on it: bounded only in a run where sync-over-async awaits it (see run-sync-waited-fanout).
    public void PushNow(IEnumerable<int> ids)
    {
        Task.WhenAll(ids.Select(id => PushAsync(id))).Wait();
    }

    private Task PushAsync(int id) => Task.Delay(id);
    private Task Log() => Task.CompletedTask;
}
