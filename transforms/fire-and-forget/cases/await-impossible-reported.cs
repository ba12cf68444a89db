// case: left-alone
using System.Threading.Tasks;

public class Sender
{
    private readonly object _lock = new object();
    private Sender _next;

    public async Task SendAsync()
    {
        await Task.Yield();
        lock (_lock)
        {
            FlushAsync();
        }
        _next?.FlushAsync();
    }

    public Task FlushAsync() => Task.CompletedTask;
}
