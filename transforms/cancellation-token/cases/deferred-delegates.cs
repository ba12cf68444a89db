// case: rewrite
// Code in a delegate that runs later — an event handler subscribed here, a callback kept in a field, a
// timer's callback, a callback registered on another token — runs after the caller may be done; the caller's
// token must not cancel it. Code in a lambda the caller awaits gets the token.
using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class Watcher
{
    private readonly HttpClient _http = new HttpClient();
    private Func<Task>? _onChange;
    public event EventHandler? Changed;

    public async Task WatchAsync(string[] paths, CancellationToken cancellationToken, CancellationToken shutdown)
    {
        Changed += async (sender, args) => await _http.PostAsync("https://example.com/changed", null);
        _onChange = async () => await _http.PostAsync("https://example.com/change", null);
        var timer = new Timer(async _ => await _http.GetAsync("https://example.com/tick"));
        shutdown.Register(() => _http.DeleteAsync("https://example.com/watch"));
        await Task.WhenAll(paths.Select(async p => await _http.GetAsync("https://example.com/" + p)));
    }
}
