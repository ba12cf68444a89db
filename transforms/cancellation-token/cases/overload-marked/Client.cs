// case: rewrite
// Overloads marked [Obsolete], [Experimental] or [EditorBrowsable(EditorBrowsableState.Never)] are not where a
// token should go: the token is forwarded only to the overload nobody is steered away from.
using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Marked;

public class Channel
{
    private readonly HttpClient _http = new HttpClient();

    public Task SendAsync(string message) => _http.PostAsync("https://example.com/send", new StringContent(message));

    [Obsolete("Tokens are ignored here; use SendAsync(string).")]
    public Task SendAsync(string message, CancellationToken cancellationToken) => SendAsync(message);

    public Task PingAsync() => _http.GetAsync("https://example.com/ping");

    [Experimental("CHAN001")]
    public Task PingAsync(CancellationToken cancellationToken) => _http.GetAsync("https://example.com/ping", cancellationToken);

    public Task FlushAsync() => _http.PostAsync("https://example.com/flush", null);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task FlushAsync(CancellationToken cancellationToken) => _http.PostAsync("https://example.com/flush", null, cancellationToken);

    public Task CloseSessionAsync(string id) => _http.DeleteAsync("https://example.com/session/" + id);

    public Task CloseSessionAsync(string id, CancellationToken cancellationToken) =>
        _http.DeleteAsync("https://example.com/session/" + id, cancellationToken);
}

public class Publisher
{
    private readonly Channel _channel = new Channel();

    public async Task PublishAsync(string message, CancellationToken cancellationToken)
    {
        await _channel.SendAsync(message);
        await _channel.PingAsync();
        await _channel.FlushAsync();
        await _channel.CloseSessionAsync("s1");
    }
}
