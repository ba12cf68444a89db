// case: left-alone
// A token parameter goes only on methods that already return a task. A synchronous method that blocks on I/O
// (here through GetAwaiter().GetResult()) is not threaded: the token would reach the I/O only through a
// blocking wait, and every caller would grow a parameter for it. The call is reported instead.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class SettingsClient
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Load("count").Length;
    }

    public string Load(string key)
    {
        return Fetch(key);
    }

    private string Fetch(string key)
    {
        return _http.GetStringAsync("https://example.com/" + key).GetAwaiter().GetResult();
    }
}
