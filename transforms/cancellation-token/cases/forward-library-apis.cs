// case: rewrite
// A method with a token calls library APIs that accept one: each gets it.
using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class Downloader
{
    private readonly HttpClient _http = new HttpClient();
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

    public async Task<int> DownloadAsync(string url, Stream target, CancellationToken ct)
    {
        await _gate.WaitAsync();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            using HttpResponseMessage response = await _http.GetAsync(url);
            using Stream body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(target);
            var buffer = new byte[16];
            int read = await body.ReadAsync(buffer, 0, buffer.Length);
            await target.FlushAsync();
            return await Task.Run(() => read * 2);
        }
        finally
        {
            _gate.Release();
        }
    }
}
