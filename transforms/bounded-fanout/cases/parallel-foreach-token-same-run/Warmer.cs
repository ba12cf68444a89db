// case: rewrite
// args: --all-transforms
// The ForEachAsync body that bounded-fanout writes takes a token, and cancellation-token passes it on in the same
// run: LoadAsync takes one and hands it to Task.Delay, so a second run has nothing left to do.
using System.Collections.Generic;
using System.Threading.Tasks;

public class Warmer
{
    public async Task WarmAsync(List<string> keys)
    {
        Parallel.ForEach(keys, async key => await LoadAsync(key));
    }

    static Task LoadAsync(string key) => Task.Delay(key.Length);
}
