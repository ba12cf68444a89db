// case: left-alone
using System.Threading.Tasks;

public class Notifier
{
    private dynamic _bus;

    public async Task NotifyAsync(string message)
    {
        await Task.Yield();
        // The receiver's type is unknown: an `Async` name alone proves no task.
        _bus.PublishAsync(message);
    }
}
