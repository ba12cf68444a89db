// case: rewrite
// BackgroundService loop: stoppingToken reaches the channel, the delay and the processor.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Jobs;

public sealed class QueueWorker : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly MessageProcessor _processor;

    public QueueWorker(MessageProcessor processor) => _processor = processor;

    public ValueTask EnqueueAsync(string message) => _queue.Writer.WriteAsync(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                string message = await _queue.Reader.ReadAsync();
                await _processor.ProcessAsync(message);
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }
}
