// case: left-alone
using System.Threading;
using System.Threading.Tasks;

public class Dispatcher
{
    public async Task RunAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var message = await ReceiveAsync(token);
            // Each message is handled while the loop goes on to the next.
            HandleAsync(message);
        }
    }

    private Task<string> ReceiveAsync(CancellationToken token) => Task.FromResult("m");

    private Task HandleAsync(string message) => Task.CompletedTask;
}
