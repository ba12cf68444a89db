// case: rewrite
// Task.Run and TaskFactory.StartNew are schedulers, not sinks: their token only cancels the start, and work that
// never starts can leave state behind (the "processing" flag set, the queue never drained). They get no token.
// The work inside an awaited Task.Run lambda ends with the caller and gets it; inside one that is not awaited,
// it does not.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class RefreshQueue
{
    private readonly HttpClient _http = new HttpClient();
    private bool _processing;

    public async Task QueueAsync(string item, CancellationToken cancellationToken)
    {
        if (!_processing)
        {
            _processing = true;
            _ = Task.Run(StartProcessingQueue);
        }
        await Task.Run(() => RefreshAsync(item));
        Task.Run(() => RefreshAsync(item + "/again"));
        int size = await Task.Factory.StartNew(() => item.Length);
    }

    private async Task StartProcessingQueue()
    {
        await _http.PostAsync("https://example.com/drain", null);
        _processing = false;
    }

    private async Task RefreshAsync(string item) => await _http.PostAsync("https://example.com/refresh/" + item, null);
}
