// case: left-alone
// The handler implements an interface declared outside the solution: its signature is not ours
// to change, so the token stops there (reported).
using System.Threading;
using System.Threading.Tasks;
using Messaging.Abstractions;

namespace Orders;

public class Dispatcher
{
    private readonly InvoiceHandler _handler = new InvoiceHandler();

    public async Task DispatchAsync(Message message, CancellationToken ct)
    {
        await _handler.HandleAsync(message);
    }
}
