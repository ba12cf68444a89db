// case: rewrite
// The caller's token means "the caller no longer waits": work that outlives the call must not stop with it.
// A task that is not awaited, discarded, stored in a field, kept in a local that is never awaited, or handed to
// a fire-and-forget helper gets no token, and none is threaded for it. Tasks awaited here — directly, through a
// local, or through Task.WhenAll — get it.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public static class TaskExtensions
{
    public static void Forget(this Task task)
    {
    }
}

public class Transcoder
{
    private readonly HttpClient _http = new HttpClient();
    private Task _logPump = Task.CompletedTask;

    public async Task<string> StartAsync(string input, CancellationToken cancellationToken)
    {
        _ = PumpLogAsync(input);
        PumpLogAsync(input);
        _logPump = PumpLogAsync(input);
        var orphan = PumpLogAsync(input);
        PumpLogAsync(input).Forget();

        var probe = FetchAsync(input + "/probe");
        string probed = await probe;
        string[] parts = await Task.WhenAll(FetchAsync(input + "/a"), FetchAsync(input + "/b"));
        return probed + parts[0] + parts[1];
    }

    private async Task PumpLogAsync(string input)
    {
        await _http.GetStringAsync("https://example.com/log/" + input);
    }

    private async Task<string> FetchAsync(string url) => await _http.GetStringAsync(url);
}
