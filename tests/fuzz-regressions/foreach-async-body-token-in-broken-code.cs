    {
// Parallel.ForEach with an async lambda that cannot be rewritten: in a constructor (cannot be
// async), with the loop state, or with its result used.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Warmup;

public class CacheWarmer
{
    public CacheWarmer(IEnumerable<string> keys)
// case: left-alone
        Parallel.ForEach(keys, async key => await LoadAsync(key));
    }

    public void WarmWithState(IEnumerable<string> keys)
    {
        Parallel.ForEach(keys, async (key, state) => await LoadAsync(key));
    }

    public bool WarmAndCheck(IEnumerable<string> keys)
    {
        var result = Parallel.ForEach(keys, async key => await LoadAsync(key));
        return result.IsCompleted;
    }

    public Task WarmInBackground(IEnumerable<string> keys)
    {
        return Task.Run(() => Parallel.ForEach(keys, async key => await LoadAsync(key)));
    }

    // Synchronous work: Parallel.ForEach is right here, nothing to find.
    public void Touch(IEnumerable<string> keys)
    {
        Parallel.ForEach(keys, key => System.Console.WriteLine(key));
    }

    private static Task LoadAsync(string key) => Task.Delay(key.Length);
}
