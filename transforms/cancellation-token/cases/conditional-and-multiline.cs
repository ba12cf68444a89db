// case: rewrite
// `?.` calls, ConfigureAwait chains and argument lists written over several lines.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class Uploader
{
    private readonly HttpClient? _http;

    public Uploader(HttpClient? http) => _http = http;

    public async Task UploadAsync(string url, HttpContent content, CancellationToken ct)
    {
        Task<HttpResponseMessage>? pending = _http?.PostAsync(url, content);
        if (pending != null)
        {
            await pending;
        }

        using HttpResponseMessage response = await new HttpClient().PutAsync(
            url,
            content).ConfigureAwait(false);

        await Task.Delay(
            100)
            .ConfigureAwait(false);
    }
}
