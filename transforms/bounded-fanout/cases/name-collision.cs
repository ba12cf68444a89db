// case: rewrite
// `limiter` is taken, and one method has two fan-outs: every new name is unique in the method.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Audit;

public class Auditor
{
    public async Task AuditAsync(IEnumerable<int> orders, IEnumerable<int> customers, int limiter)
    {
        await Task.WhenAll(orders.Select(o => CheckOrderAsync(o, limiter)));
        await Task.WhenAll(customers.Select(c => CheckCustomerAsync(c)));
    }

    public async Task AuditAgainAsync(IEnumerable<int> orders)
    {
        var limiter2 = 3;
        var tasks = new List<Task>();
        foreach (var o in orders)
        {
            tasks.Add(CheckOrderAsync(o, limiter2));
        }
        await Task.WhenAll(tasks);
    }

    private Task CheckOrderAsync(int order, int depth) => Task.Delay(order + depth);
    private Task CheckCustomerAsync(int customer) => Task.Delay(customer);
}
