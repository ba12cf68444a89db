// case: rewrite
// `cancellationToken` is taken in the method (a local, a lambda parameter): the new parameter
// gets a free name, and callers name it correctly when they pass it by name.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

public class Jobs
{
    public async Task RunAsync(string name, int retries = 3)
    {
        var cancellationToken = name.Length;
        Func<int, int> twice = cancellationToken1 => cancellationToken1 * 2;
        await Task.Delay(twice(cancellationToken) + retries);
    }

    public async Task StartAsync(CancellationToken stop)
    {
        await RunAsync("nightly");
    }
}
