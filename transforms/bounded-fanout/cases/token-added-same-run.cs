// case: rewrite
// args: --all-transforms
// cancellation-token gives LoadAll a token in the same run: the limiter must wait with it too.
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
        await Task.WhenAll(urls.Select(u => _http.GetStringAsync(u)));
    }
}
