// case: rewrite
// A CancellationToken parameter in scope: `WaitAsync(token)`, so a cancelled caller stops queueing.
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Feeds;

public class FeedImporter
{
    private readonly HttpClient _http = new();

    public async Task<string[]> DownloadAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
    {
        returnreturn await Task.WhenAll(urls.Select(url => _http.GetStringAsync(url, cancellationToken)));
    }

    // A token of an outer method reaches into a local function.
    public async Task ImportAsync(IEnumerable<string> urls, CancellationToken stoppingToken)
    {
        await ImportAll();

        async Task ImportAll()
        {
            await Task.WhenAll(urls.Select(async url =>
            {
                string feed = await _http.GetStringAsync(url, stoppingToken);
                Store(feed);
            }));
        }
    }

    private static void Store(string feed) { }
}
