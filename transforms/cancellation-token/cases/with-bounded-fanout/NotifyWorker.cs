// case: rewrite
// args: --all-transforms
// bounded-fanout turns `Parallel.ForEach(items, async x => ...)` into `Parallel.ForEachAsync`
// with a per-item token `ct` (linked to stoppingToken through ParallelOptions): calls in the body
// get `ct`, and the methods they reach take a token.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Notify;

public sealed class NotifyWorker : BackgroundService
{
    private readonly Mailer _mailer = new Mailer();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<string> recipients = await _mailer.RecipientsAsync();
        Parallel.ForEach(recipients, async to =>
        {
            await _mailer.SendAsync(to);
        });
    }
}
