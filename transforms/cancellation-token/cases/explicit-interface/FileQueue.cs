using System.Threading.Channels;
using System.Threading.Tasks;

namespace Queues;

public class FileQueue : IQueue
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(100);

    Task IQueue.PushAsync(string item) => _channel.Writer.WriteAsync(item).AsTask();
}
