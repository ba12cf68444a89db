// case: rewrite
// The file writes one-line `try { ... }` / `finally { ... }` blocks itself, so the rewrite does too.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Mail;

public class Mailer
{
    private readonly SemaphoreSlim _smtp = new SemaphoreSlim(1);

    public async Task SendAllAsync(IReadOnlyList<string> recipients)
    {
        await Task.WhenAll(recipients.Select(r => SendAsync(r)));
    }

    private async Task SendAsync(string recipient)
    {
        await _smtp.WaitAsync();
        try { await Task.Delay(recipient.Length); }
        finally { _smtp.Release(); }
    }
}
