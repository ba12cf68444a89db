// case: rewrite
// A method without a token parameter may still hold a token: a local (`var token = source.Token`), a
// `CancellationTokenSource` it made (`timeout.Token`), or a `CancellationToken` field of its type. Calls that take
// a token get that one; no parameter is threaded from it. With several tokens in scope, which one is meant is a
// person's call: reported. A token declared under an alias of `CancellationToken` is a token too, and named
// arguments are used where optional parameters stand between.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CT = System.Threading.CancellationToken;

public class Poller
{
    private readonly HttpClient _http = new HttpClient();
    private readonly CancellationToken _stopping;

    public Poller(CancellationToken stopping) => _stopping = stopping;

    public async Task PollOnceAsync()
    {
        await _http.GetAsync("https://example.com/poll");
    }

    public static async Task<string> ProbeAsync(HttpClient http, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await http.GetStringAsync(url);
    }

    public static async Task WaitAsync(CancellationTokenSource source)
    {
        var token = source.Token;
        await Task.Delay(100);
    }

    public static async Task RaceAsync(HttpClient http, CancellationToken first)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(first);
        linked.CancelAfter(TimeSpan.FromSeconds(1));
        await http.GetAsync("https://example.com/race");
    }

    public async Task<string> SearchAsync(string query, CT ct)
    {
        return await FindAsync(query);
    }

    public async Task<string> FindAsync(string query, int page = 1, CancellationToken cancellationToken = default)
    {
        return await _http.GetStringAsync("https://example.com/search?q=" + query + "&page=" + page, cancellationToken);
    }
}
