// case: rewrite
// .NET 6: `Parallel.ForEach` with an async lambda becomes `await Parallel.ForEachAsync(...)`; the
// synchronous method becomes async, and its caller awaits it.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Notify;

public class Notifier
{
    public void NotifyAll(IEnumerable<Order> orders)
    {
        Parallel.ForEach(orders, async order =>
        {
            await SendAsync(order);
        });
    }

    public async Task NotifyReadyAsync(IEnumerable<Order> orders, CancellationToken stoppingToken)
    {
        // One e-mail per order, all at once.
        Parallel.ForEach(orders, async (Order order) => await SendAsync(order));
    }

    private Task SendAsync(Order order) => Task.Delay(order.Id);
}

public class Order
{
    public int Id { get; set; }
}
