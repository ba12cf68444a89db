using System.Threading;
using System.Threading.Tasks;

namespace Mail;

public class Outbox
{
    public Task PushAsync(string to, string body) => PushAsync(to, body, CancellationToken.None);

    public async Task PushAsync(string to, string body, CancellationToken cancellationToken)
    {
        await Task.Delay(body.Length, cancellationToken);
    }

    public Task FlushAsync() => FlushAsync(CancellationToken.None);

    public Task FlushAsync(CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
}
