// case: rewrite
// A worker service: in ExecuteAsync, Task.Run keeps the synchronous start of the loop from holding up the
// host's startup (the host starts its services one by one), so it stays; elsewhere it goes.
using System.Threading;
using System.Threading.Tasks;

namespace Worker
{
    public abstract class BackgroundService
    {
        protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
    }

    public class Poller : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Run(() => PollForeverAsync(stoppingToken));
        }

        private async Task PollForeverAsync(CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Run(() => PollOnceAsync(token));
            }
        }

        private Task PollOnceAsync(CancellationToken token) => Task.Delay(1000, token);
    }
}
