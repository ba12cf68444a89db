// case: rewrite
// `src.Select(WorkAsync)`: a method group becomes a lambda called with the item.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Mail;

public class Mailer
{
    public async Task SendAllAsync(IReadOnlyList<string> recipients)
    {
        await Task.WhenAll(recipients.Select(SendAsync));
    }

    // `item` is taken here, so the new lambda's parameter is `item2`.
    public async Task SendAgainAsync(IReadOnlyList<string> item)
    {
        await Task.WhenAll(item.Select(this.SendAsync));
    }

    private Task SendAsync(string recipient) => Task.Delay(recipient.Length);
}
