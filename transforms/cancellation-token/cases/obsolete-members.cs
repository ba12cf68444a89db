// case: rewrite
// A member marked [Obsolete] (or in an obsolete type) is code on its way out: it keeps its signature, so no token
// parameter is threaded through it, and the chain that would need one is reported. The current path gains one.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class Members
{
    private readonly HttpClient _http = new HttpClient();

    public async Task SyncAsync(string id, CancellationToken cancellationToken)
    {
        await LoadLegacyAsync(id);
        await LoadAsync(id);
    }

    [Obsolete("Use LoadAsync instead.")]
    public async Task<string> LoadLegacyAsync(string id)
    {
        return await _http.GetStringAsync("https://example.com/v1/" + id);
    }

    public async Task<string> LoadAsync(string id)
    {
        return await _http.GetStringAsync("https://example.com/v2/" + id);
    }
}
