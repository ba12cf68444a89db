// case: left-alone
// Selectors the rewrite cannot restructure are reported: a non-async block lambda, an anonymous
// method, a static lambda, and a comment where the rewrite replaces code.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Sync;

public class Selectors
{
    public async Task BlockAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(id =>
        {
            Log(id);
            return PushAsync(id);
        }));
    }

    public async Task DelegateAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(delegate (int id) { return PushAsync(id); }));
    }

    public async Task StaticAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(static id => PushAsync(id)));
    }

    public async Task CommentedAsync(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(id => /* fire them all */ PushAsync(id)));
    }

    private static void Log(int id) { }
    private static Task PushAsync(int id) => Task.Delay(id);
}
