// case: rewrite
// args: --include-review
using System.Threading.Tasks;

public class Notifier
{
    private dynamic _bus;

    public async Task NotifyAsync(string message)
    {
        await Task.Yield();
        _bus.PublishAsync(message);
    }
}
