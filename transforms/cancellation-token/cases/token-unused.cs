// case: rewrite
// The method takes a token and never uses it: now it does. It never gets a second one.
using System.Threading;
using System.Threading.Tasks;

public class Cache
{
    private readonly SemaphoreSlim _refresh = new SemaphoreSlim(1, 1);

    public async Task RefreshAsync(CancellationToken token)
    {
        await _refresh.WaitAsync();
        try
        {
            await ReloadAsync();
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task ReloadAsync()
    {
        await Task.Delay(250);
    }
}
