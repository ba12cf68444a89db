// case: rewrite
// args: --all-transforms
// The limiter's WaitAsync is the only call below Run that takes a token (the client's type is unknown): the
// token reaches LoadAll in this run, as the next run would thread it to the limiter.
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class Sync
{
    private readonly HttpClient _http = new HttpClient();

    public async Task Run(CancellationToken ct)
    {
        await LoadAll(new List<string> { "a" });
    }

    private async Task LoadAll(List<string> urls)
    {
        await Task.WhenAll(urls.Select(u => _unknownClient.GetStringAsync(u)));
    }
}
