// case: left-alone
using System;
using System.Threading;
using System.Threading.Tasks;

public class Heartbeat
{
    public async Task OpenAsync(CancellationToken token)
    {
        await ConnectAsync();
        // Runs until the token is cancelled: awaiting it would wait until then.
        SendHeartbeatsAsync(token);
        PollForeverAsync();
    }

    private Task ConnectAsync() => Task.CompletedTask;

    private async Task SendHeartbeatsAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
        }
    }

    private async Task PollForeverAsync()
    {
        while (true)
        {
            await Task.Delay(1000);
        }
    }
}
