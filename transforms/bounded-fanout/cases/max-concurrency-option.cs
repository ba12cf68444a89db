// case: rewrite
// args: --max-concurrency=4
// `--max-concurrency 4` sets the limit for I/O and CPU-bound work alike.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Jobs;

public class JobRunner
{
    public async Task RunAsync(IEnumerable<int> jobs)
    {
        await Task.WhenAll(jobs.Select(j => StartAsync(j)));
        await Task.WhenAll(jobs.Select(j => Task.Run(() => Crunch(j))));
    }

    // Five items written out: more than the limit of 4, so still bounded.
    public async Task RunFiveAsync()
    {
        await Task.WhenAll(new[] { 1, 2, 3, 4, 5 }.Select(j => StartAsync(j)));
    }

    private Task StartAsync(int job) => Task.Delay(job);
    private static void Crunch(int job) { }
}
