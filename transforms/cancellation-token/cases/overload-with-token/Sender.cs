// case: rewrite
// The callee has an overload that takes a token: calls switch to it.
using System.Threading;
using System.Threading.Tasks;

namespace Mail;

public class Sender
{
    private readonly Outbox _outbox = new Outbox();

    public async Task SendAllAsync(string[] recipients, CancellationToken cancellation)
    {
        foreach (string r in recipients)
        {
            await _outbox.PushAsync(r, "hello");
        }

        await _outbox.FlushAsync();
    }
}
