using System.Threading;
using System.Threading.Tasks;

namespace Queues;

public class Producer
{
    private readonly IQueue _queue = new FileQueue();

    public async Task ProduceAsync(int count, CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            await _queue.PushAsync($"item {i}");
        }
    }
}
