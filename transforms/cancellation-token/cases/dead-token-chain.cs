// case: rewrite
// A token parameter is added only where its token reaches a sink in the same run. `ProbeAsync` would take one
// for its HTTP call, but that call sits where a second token is in scope (the method's own timeout source): which
// one it should get is a person's choice, so it gets none, and the parameter `ProbeAsync` would have taken is
// dropped with the whole chain, and reported. `SaveAsync`'s chain reaches its sink and stays.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class HealthCheck
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<bool> RunAsync(string url, CancellationToken cancellationToken)
    {
        bool ok = await ProbeAsync(url);
        await SaveAsync(url, ok);
        return ok;
    }

    private async Task<bool> ProbeAsync(string url)
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            var response = await _http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
    }

    private async Task SaveAsync(string url, bool ok)
    {
        await _http.PostAsync("https://example.com/health", new StringContent(url + ok));
    }
}
