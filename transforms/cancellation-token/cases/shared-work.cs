// case: rewrite
// Work created for a shared cache outlives the caller that happened to create it: a `GetOrAdd` factory or a
// `Lazy` would run with the first caller's token, and a cancelled scroll would cache "no avatar" for everyone.
// Such factories get no token; the direct download does.
using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class AvatarDownloader
{
    private static readonly HttpClient Client = new HttpClient();
    private static readonly ConcurrentDictionary<Uri, Task<byte[]>> Downloads = new ConcurrentDictionary<Uri, Task<byte[]>>();

    public Task<byte[]> GetAvatarAsync(Uri url, CancellationToken cancellationToken)
    {
        return Downloads.GetOrAdd(url, u => DownloadAsync(u));
    }

    public async Task<string> GetSettingsAsync(CancellationToken cancellationToken)
    {
        var settings = new Lazy<Task<string>>(() => Client.GetStringAsync("https://example.com/settings"));
        return await settings.Value;
    }

    public async Task<byte[]> GetFreshAvatarAsync(Uri url, CancellationToken cancellationToken)
    {
        return await DownloadAsync(url);
    }

    private static async Task<byte[]> DownloadAsync(Uri url) => await Client.GetByteArrayAsync(url);
}
