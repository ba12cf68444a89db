// case: left-alone
using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        Task StartAsync(CancellationToken cancellationToken);
        Task StopAsync(CancellationToken cancellationToken);
    }
}

namespace Worker
{
    using Microsoft.Extensions.Hosting;

    public class QueueService : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            // The host waits for StartAsync before it starts the application.
            ConsumeAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private Task ConsumeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
