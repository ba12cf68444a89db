// case: left-alone
// Every call that takes a token already gets one: the caller's, CancellationToken.None or default.
using System.Threading;
using System.Threading.Tasks;

public class Poller
{
    private readonly SemaphoreSlim _lock = new SemaphoreSlim(1);

    public async Task PollAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await Task.Delay(1000, ct);
            await FetchAsync(1, ct);
            // Cleanup must run to the end even when the poll is cancelled.
            await FetchAsync(2, CancellationToken.None);
            await FetchAsync(3, default);
            await FetchAsync(4, cancellationToken: ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task FetchAsync(int id, CancellationToken cancellationToken)
    {
        await Task.Delay(id, cancellationToken);
    }
}
