// case: left-alone
// An async void method is fire-and-forget: it must not be cancelled with its caller's token.
using System.Threading;
using System.Threading.Tasks;

public class Notifier
{
    public async void NotifyLater(string message)
    {
        await Task.Delay(5000);
        System.Console.WriteLine(message);
    }

    public Task HandleAsync(string message, CancellationToken ct)
    {
        NotifyLater(message);
        return Task.CompletedTask;
    }
}
