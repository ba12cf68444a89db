// case: left-alone
using System.Threading;
using System.Threading.Tasks;

public class Handshake
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

    public async Task RunAsync()
    {
        var ready = new TaskCompletionSource<bool>();
        WaitUntilReadyAsync(ready);
        await Task.Yield();
        // What the dropped work waits for happens after it.
        ready.SetResult(true);
    }

    public async Task UpdateAsync()
    {
        await _gate.WaitAsync();
        try
        {
            RefreshAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitUntilReadyAsync(TaskCompletionSource<bool> ready)
    {
        await ready.Task;
    }

    // Takes the same gate: awaited inside the gate, it would wait for itself.
    private async Task RefreshAsync()
    {
        await _gate.WaitAsync();
        _gate.Release();
    }
}
